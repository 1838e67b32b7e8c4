package dev.stompchat.messaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
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
 * grows with the size of the room: the headers and body that all copies share are encoded
 * once per broadcast, and only the subscription and message id per subscriber.
 * <p>
 * Only plain topic broadcasts qualify ({@link #encode} answers {@code null} otherwise):
 * user destinations, whose frames name the destination the client subscribed to, and
 * messages with native headers of their own go through Spring's handler.
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

	// The broker hands every subscriber's copy of a broadcast the same payload array, one
	// copy after the other: what all copies share is made for the first and kept for the
	// rest.
	private volatile @Nullable SharedParts lastShared;

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
				|| SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE || destination == null
				|| !destination.startsWith(TOPIC_PREFIX) || subscription == null || sessionId == null
				|| hasNativeHeaders(headers)) {
			return null;
		}
		SharedParts shared = sharedParts(body, destination, headers.get(MessageHeaders.CONTENT_TYPE));
		byte[] subscriptionValue = escaped(subscription);
		byte[] messageIdValue = escaped(sessionId + "-" + this.messageIds.getAndIncrement());
		byte[] frame = new byte[shared.head().length + SUBSCRIPTION.length + subscriptionValue.length
				+ MESSAGE_ID.length + messageIdValue.length + shared.tail().length];
		int at = 0;
		for (byte[] part : new byte[][] { shared.head(), SUBSCRIPTION, subscriptionValue, MESSAGE_ID, messageIdValue,
				shared.tail() }) {
			System.arraycopy(part, 0, frame, at, part.length);
			at += part.length;
		}
		return frame;
	}

	private SharedParts sharedParts(byte[] body, String destination, @Nullable Object contentType) {
		SharedParts last = this.lastShared;
		if (last != null && last.body() == body && last.destination().equals(destination)
				&& Objects.equals(last.contentType(), contentType)) {
			return last;
		}
		SharedParts parts = SharedParts.of(body, destination, contentType);
		this.lastShared = parts;
		return parts;
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

	/**
	 * What every subscriber's copy of one broadcast shares.
	 *
	 * @param body the payload the copies share, by identity
	 * @param destination the destination the head was made for
	 * @param contentType the content type the head was made for
	 * @param head the command, destination and content-type headers
	 * @param tail the content-length header, the blank line, the body and the NUL
	 */
	private record SharedParts(byte[] body, String destination, @Nullable Object contentType, byte[] head,
			byte[] tail) {

		static SharedParts of(byte[] body, String destination, @Nullable Object contentType) {
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
			return new SharedParts(body, destination, contentType, head.toByteArray(), tail.toByteArray());
		}

	}

}
