package dev.stompchat.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * Writes the MESSAGE frame of a topic broadcast, one subscriber's copy, straight from the
 * broker's message: the same bytes Spring's STOMP handler would write, without building a
 * STOMP header map for every subscriber and without turning the frame into a string and
 * back. Fan-out makes one such copy per subscriber, so this is where a broadcast's cost
 * grows with the size of the room.
 * <p>Only plain topic broadcasts qualify ({@link #encode} answers {@code null}
 * otherwise): user destinations, whose frames name the destination the client
 * subscribed to, and messages with native headers of their own go through Spring's
 * handler.
 */
final class BroadcastFrames {

	private static final String TOPIC_PREFIX = "/topic/";

	private static final byte[] MESSAGE = "MESSAGE\ndestination:".getBytes(StandardCharsets.UTF_8);

	private static final byte[] CONTENT_TYPE = "\ncontent-type:".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SUBSCRIPTION = "\nsubscription:".getBytes(StandardCharsets.UTF_8);

	private static final byte[] MESSAGE_ID = "\nmessage-id:".getBytes(StandardCharsets.UTF_8);

	private static final byte[] CONTENT_LENGTH = "\ncontent-length:".getBytes(StandardCharsets.UTF_8);

	private static final byte[] END_OF_HEADERS = "\n\n".getBytes(StandardCharsets.UTF_8);

	private final AtomicLong messageIds = new AtomicLong();

	/**
	 * The STOMP MESSAGE frame for one subscriber of a topic broadcast, or {@code null} if
	 * the message is not one.
	 */
	byte @Nullable [] encode(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		String subscription = SimpMessageHeaderAccessor.getSubscriptionId(headers);
		String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
		if (!(message.getPayload() instanceof byte[] body)
				|| SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE
				|| destination == null || !destination.startsWith(TOPIC_PREFIX) || subscription == null
				|| sessionId == null || hasNativeHeaders(headers)) {
			return null;
		}
		ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length + 256);
		frame.writeBytes(MESSAGE);
		writeEscaped(frame, destination);
		Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
		if (contentType != null) {
			frame.writeBytes(CONTENT_TYPE);
			writeEscaped(frame, contentType.toString());
		}
		frame.writeBytes(SUBSCRIPTION);
		writeEscaped(frame, subscription);
		frame.writeBytes(MESSAGE_ID);
		writeEscaped(frame, sessionId + "-" + this.messageIds.getAndIncrement());
		frame.writeBytes(CONTENT_LENGTH);
		frame.writeBytes(Integer.toString(body.length).getBytes(StandardCharsets.UTF_8));
		frame.writeBytes(END_OF_HEADERS);
		frame.writeBytes(body);
		frame.write(0);
		return frame.toByteArray();
	}

	private static boolean hasNativeHeaders(MessageHeaders headers) {
		return headers.get(NativeMessageHeaderAccessor.NATIVE_HEADERS) instanceof Map<?, ?> nativeHeaders
				&& !nativeHeaders.isEmpty();
	}

	/** A header value with STOMP 1.2's escapes for backslash, carriage return, line feed and colon. */
	private static void writeEscaped(ByteArrayOutputStream frame, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\r' || c == '\n' || c == ':') {
				writeEscapedFrom(frame, value, i);
				return;
			}
		}
		frame.writeBytes(value.getBytes(StandardCharsets.UTF_8));
	}

	private static void writeEscapedFrom(ByteArrayOutputStream frame, String value, int first) {
		frame.writeBytes(value.substring(0, first).getBytes(StandardCharsets.UTF_8));
		StringBuilder escaped = new StringBuilder(value.length() + 8);
		for (int i = first; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '\r' -> escaped.append("\\r");
				case '\n' -> escaped.append("\\n");
				case ':' -> escaped.append("\\c");
				default -> escaped.append(c);
			}
		}
		frame.writeBytes(escaped.toString().getBytes(StandardCharsets.UTF_8));
	}

}
