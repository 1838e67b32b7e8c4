package dev.stompchat.messaging;

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
 * Writes the MESSAGE frames of a topic broadcast, one per subscriber, from the message
 * the broker got: the same bytes Spring's STOMP handler would write, without building a
 * message and a STOMP header map for every subscriber and without turning the frame into
 * a string and back. Fan-out makes one frame per subscriber, so this is where a
 * broadcast's cost grows with the size of the room: the headers and body that all frames
 * share are encoded once per broadcast ({@link #broadcastOf}), and only the subscription
 * and message id per subscriber ({@link Broadcast#frameFor}).
 * <p>
 * Only plain topic broadcasts qualify ({@link #broadcastOf} answers {@code null}
 * otherwise): user destinations, whose frames name the destination the client subscribed
 * to, and messages with native headers of their own go through Spring's handler.
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
	 * What every subscriber's frame of this broadcast shares, or {@code null} if the
	 * message is not a plain topic broadcast.
	 */
	@Nullable Broadcast broadcastOf(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		String destination = SimpMessageHeaderAccessor.getDestination(headers);
		if (!(message.getPayload() instanceof byte[] body)
				|| SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE || destination == null
				|| !destination.startsWith(TOPIC_PREFIX) || hasNativeHeaders(headers)) {
			return null;
		}
		Object contentType = headers.get(MessageHeaders.CONTENT_TYPE);
		ByteArrayOutputStream head = new ByteArrayOutputStream(128);
		head.writeBytes(MESSAGE);
		head.writeBytes(escaped(destination));
		if (contentType != null) {
			head.writeBytes(CONTENT_TYPE);
			head.writeBytes(escaped(contentType.toString()));
		}
		ByteArrayOutputStream tail = new ByteArrayOutputStream(body.length + 32);
		tail.writeBytes(CONTENT_LENGTH);
		tail.writeBytes(Integer.toString(body.length).getBytes(StandardCharsets.UTF_8));
		tail.writeBytes(END_OF_HEADERS);
		tail.writeBytes(body);
		tail.write(0);
		return new Broadcast(head.toByteArray(), tail.toByteArray());
	}

	/**
	 * One broadcast's frames: the command, destination and content-type headers (the
	 * head), then each subscriber's subscription and message id, then the content-length
	 * header, the blank line, the body and the NUL (the tail).
	 */
	final class Broadcast {

		private final byte[] head;

		private final byte[] tail;

		private Broadcast(byte[] head, byte[] tail) {
			this.head = head;
			this.tail = tail;
		}

		/** The STOMP MESSAGE frame for one subscription of one session. */
		byte[] frameFor(String sessionId, String subscriptionId) {
			byte[] subscription = escaped(subscriptionId);
			byte[] messageId = escaped(sessionId + "-" + BroadcastFrames.this.messageIds.getAndIncrement());
			byte[] frame = new byte[this.head.length + SUBSCRIPTION.length + subscription.length + MESSAGE_ID.length
					+ messageId.length + this.tail.length];
			int at = 0;
			for (byte[] part : new byte[][] { this.head, SUBSCRIPTION, subscription, MESSAGE_ID, messageId,
					this.tail }) {
				System.arraycopy(part, 0, frame, at, part.length);
				at += part.length;
			}
			return frame;
		}

	}

	private static boolean hasNativeHeaders(MessageHeaders headers) {
		return headers.get(NativeMessageHeaderAccessor.NATIVE_HEADERS) instanceof Map<?, ?> nativeHeaders
				&& !nativeHeaders.isEmpty();
	}

	/**
	 * A header value with STOMP 1.2's escapes for backslash, carriage return, line feed
	 * and colon.
	 */
	private static byte[] escaped(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\r' || c == '\n' || c == ':') {
				return escapedFrom(value, i);
			}
		}
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] escapedFrom(String value, int first) {
		StringBuilder escaped = new StringBuilder(value.length() + 8).append(value, 0, first);
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
		return escaped.toString().getBytes(StandardCharsets.UTF_8);
	}

}
