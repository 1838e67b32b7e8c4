package dev.stompchat.messaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;

/**
 * Writes the MESSAGE frames of a topic broadcast from the message the broker got: the
 * same bytes Spring's STOMP handler would write, without building a message and a STOMP
 * header map for every subscriber and without turning the frame into a string and back.
 * Fan-out makes one frame per subscriber, so this is where a broadcast's cost would grow
 * with the size of the room: instead, the frames of one broadcast differ only in their
 * subscription id, so each is written once per distinct subscription id
 * ({@link Broadcast#frameFor}), and a room whose members all subscribed as {@code sub-0}
 * gets one frame, whose bytes every subscriber's outbox shares.
 * <p>
 * Those frames share the broadcast's {@code message-id} too: it names the message, which
 * is the same for everyone, and each connection still sees a different one on every
 * message. Spring's broker numbers every copy instead, a string per subscriber.
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
	 * The frames of this broadcast, or {@code null} if the message is not a plain topic
	 * broadcast.
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
		head.writeBytes(SUBSCRIPTION);
		ByteArrayOutputStream tail = new ByteArrayOutputStream(body.length + 64);
		tail.writeBytes(MESSAGE_ID);
		tail.writeBytes(Long.toString(this.messageIds.getAndIncrement()).getBytes(StandardCharsets.UTF_8));
		tail.writeBytes(CONTENT_LENGTH);
		tail.writeBytes(Integer.toString(body.length).getBytes(StandardCharsets.UTF_8));
		tail.writeBytes(END_OF_HEADERS);
		tail.writeBytes(body);
		tail.write(0);
		return new Broadcast(head.toByteArray(), tail.toByteArray());
	}

	/**
	 * One broadcast's frames: the command, destination and content-type headers (the
	 * head), then the subscription id, then the message id, the content-length header,
	 * the blank line, the body and the NUL (the tail). It is used by the one thread that
	 * fans the broadcast out.
	 */
	static final class Broadcast {

		private final byte[] head;

		private final byte[] tail;

		private final Map<String, byte[]> bySubscription = new HashMap<>(4);

		private Broadcast(byte[] head, byte[] tail) {
			this.head = head;
			this.tail = tail;
		}

		/**
		 * The STOMP MESSAGE frame for a subscription with this id, the same array for
		 * every subscription with the same id: it is never written to, only read.
		 */
		byte[] frameFor(String subscriptionId) {
			return this.bySubscription.computeIfAbsent(subscriptionId, this::write);
		}

		private byte[] write(String subscriptionId) {
			byte[] subscription = escaped(subscriptionId);
			byte[] frame = new byte[this.head.length + subscription.length + this.tail.length];
			System.arraycopy(this.head, 0, frame, 0, this.head.length);
			System.arraycopy(subscription, 0, frame, this.head.length, subscription.length);
			System.arraycopy(this.tail, 0, frame, this.head.length + subscription.length, this.tail.length);
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
