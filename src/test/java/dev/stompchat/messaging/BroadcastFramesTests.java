package dev.stompchat.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MESSAGE frames written for the subscribers of a room's broadcast, from the message
 * the broker got, and which messages are left to Spring's broker and STOMP handler.
 * {@code BroadcastFrameTests} checks the same frames over a real connection.
 */
class BroadcastFramesTests {

	private static final String BODY = "{\"id\":\"42\",\"text\":\"h\u00e9llo \ud83d\ude00\"}";

	private final BroadcastFrames frames = new BroadcastFrames();

	@Test
	void broadcastIsWrittenAsAMessageFrameWithItsHeadersBodyAndNul() {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

		byte[] frame = encode(broadcast(body, "/topic/rooms.frames", "s1", "sub-1"));

		assertThat(frame).isNotNull();
		assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo("MESSAGE\n"
				+ "destination:/topic/rooms.frames\n" + "content-type:application/json\n" + "subscription:sub-1\n"
				+ "message-id:0\n" + "content-length:" + body.length + "\n" + "\n" + BODY + "\0");
	}

	@Test
	void contentLengthCountsTheBodysBytesNotItsCharacters() {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		assertThat(body.length).isGreaterThan(BODY.length());

		StompHeaderAccessor headers = decoded(encode(broadcast(body, "/topic/rooms.frames", "s1", "sub-1")));

		assertThat(headers.getContentLength()).isEqualTo(body.length);
	}

	@Test
	void frameEndsWithTheNulTerminator() {
		byte[] frame = encode(broadcast(new byte[] { '{', '}' }, "/topic/rooms.frames", "s1", "sub-1"));

		assertThat(frame).endsWith('{', '}', 0);
	}

	@Test
	void subscriptionAndDestinationAreEscapedAsStompAsks() {
		byte[] frame = encode(broadcast(new byte[0], "/topic/a:b", "s1", "sub:1\\x\ny\rz"));

		String text = new String(frame, StandardCharsets.UTF_8);
		assertThat(text).contains("\ndestination:/topic/a\\cb\n", "\nsubscription:sub\\c1\\\\x\\ny\\rz\n");
		StompHeaderAccessor headers = decoded(frame);
		assertThat(headers.getDestination()).isEqualTo("/topic/a:b");
		assertThat(headers.getSubscriptionId()).isEqualTo("sub:1\\x\ny\rz");
	}

	@Test
	void springsDecoderReadsTheFrameBack() {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

		List<Message<byte[]>> decoded = new StompDecoder()
			.decode(ByteBuffer.wrap(encode(broadcast(body, "/topic/rooms.frames", "s1", "sub:1"))));

		assertThat(decoded).singleElement().satisfies((message) -> {
			StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
			assertThat(headers.getCommand()).isEqualTo(StompCommand.MESSAGE);
			assertThat(headers.getDestination()).isEqualTo("/topic/rooms.frames");
			assertThat(headers.getSubscriptionId()).isEqualTo("sub:1");
			assertThat(headers.getMessageId()).isEqualTo("0");
			assertThat(headers.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
			assertThat(message.getPayload()).isEqualTo(body);
		});
	}

	@Test
	void everyBroadcastGetsAMessageIdOfItsOwn() {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

		StompHeaderAccessor first = decoded(encode(broadcast(body, "/topic/rooms.frames", "s1", "sub-1")));
		StompHeaderAccessor second = decoded(encode(broadcast(body, "/topic/rooms.frames", "s2", "sub-7")));
		StompHeaderAccessor third = decoded(encode(broadcast(body, "/topic/rooms.frames", "s1", "sub-1")));

		assertThat(List.of(first, second, third)).extracting(StompHeaderAccessor::getMessageId)
			.containsExactly("0", "1", "2");
		assertThat(second.getSubscriptionId()).isEqualTo("sub-7");
	}

	@Test
	void framesOfOneBroadcastShareItsMessageIdAndDifferOnlyInSubscription() {
		BroadcastFrames.Broadcast broadcast = this.frames
			.broadcastOf(broadcast(BODY.getBytes(StandardCharsets.UTF_8), "/topic/rooms.frames", null, null));
		assertThat(broadcast).isNotNull();

		String first = text(broadcast.frameFor("a"));
		String second = text(broadcast.frameFor("b"));

		assertThat(first).contains("subscription:a\n", "message-id:0\n");
		assertThat(second).isEqualTo(first.replace("subscription:a\n", "subscription:b\n"));
	}

	@Test
	void subscriptionsWithTheSameIdShareOneFrame() {
		BroadcastFrames.Broadcast broadcast = this.frames
			.broadcastOf(broadcast(BODY.getBytes(StandardCharsets.UTF_8), "/topic/rooms.frames", null, null));
		assertThat(broadcast).isNotNull();

		byte[] first = broadcast.frameFor("sub-0");
		broadcast.frameFor("sub-3");

		assertThat(broadcast.frameFor("sub-0")).isSameAs(first);
		assertThat(broadcast.frameFor("sub-3")).isNotSameAs(first);
	}

	@Test
	void theNextBroadcastIsWrittenWithItsOwnBodyAndDestination() {
		encode(broadcast("{\"n\":1}".getBytes(StandardCharsets.UTF_8), "/topic/rooms.one", "s1", "a"));

		String next = text(
				encode(broadcast("{\"n\":22}".getBytes(StandardCharsets.UTF_8), "/topic/rooms.two", "s1", "a")));

		assertThat(next).contains("destination:/topic/rooms.two\n", "content-length:8\n").endsWith("{\"n\":22}\0");
	}

	@Test
	void withoutAContentTypeTheFrameHasNone() {
		SimpMessageHeaderAccessor headers = brokerHeaders("/topic/rooms.frames", "s1", "sub-1");
		headers.removeHeader(MessageHeaders.CONTENT_TYPE);

		String frame = text(encode(MessageBuilder.createMessage(new byte[] { 'x' }, headers.getMessageHeaders())));

		assertThat(frame).doesNotContain("content-type").contains("content-length:1\n");
	}

	@Test
	void aMessageWithNativeHeadersOfItsOwnIsLeftToSpring() {
		SimpMessageHeaderAccessor headers = brokerHeaders("/topic/rooms.frames", "s1", "sub-1");
		headers.setNativeHeader("priority", "9");

		assertThat(encode(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()))).isNull();
	}

	@Test
	void aFrameThatIsNotAMessageIsLeftToSpring() {
		for (SimpMessageType type : List.of(SimpMessageType.HEARTBEAT, SimpMessageType.CONNECT_ACK,
				SimpMessageType.DISCONNECT_ACK, SimpMessageType.OTHER)) {
			SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(type);
			headers.setDestination("/topic/rooms.frames");
			headers.setSessionId("s1");
			headers.setSubscriptionId("sub-1");

			assertThat(encode(MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders()))).as("%s", type)
				.isNull();
		}
	}

	@Test
	void aMessageOutsideTheTopicsIsLeftToSpring() {
		assertThat(encode(broadcast(new byte[0], "/queue/errors-users1", "s1", "sub-1"))).isNull();
		assertThat(encode(broadcast(new byte[0], "/user/queue/errors", "s1", "sub-1"))).isNull();
	}

	@Test
	void aMessageWithoutBytesIsLeftToSpring() {
		SimpMessageHeaderAccessor headers = brokerHeaders("/topic/rooms.frames", "s1", "sub-1");
		assertThat(encode(MessageBuilder.createMessage("text", headers.getMessageHeaders()))).isNull();
	}

	/**
	 * The frame for one subscriber's copy of a broadcast, as the {@link FanOutBroker}
	 * writes it, or {@code null} if the message is left to Spring.
	 */
	private byte @Nullable [] encode(Message<?> copy) {
		BroadcastFrames.Broadcast broadcast = this.frames.broadcastOf(copy);
		if (broadcast == null) {
			return null;
		}
		String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(copy.getHeaders());
		return broadcast.frameFor((subscriptionId != null) ? subscriptionId : "");
	}

	/** One subscriber's copy of a broadcast. */
	private static Message<byte[]> broadcast(byte[] body, String destination, @Nullable String sessionId,
			@Nullable String subscriptionId) {
		return MessageBuilder.createMessage(body,
				brokerHeaders(destination, sessionId, subscriptionId).getMessageHeaders());
	}

	private static SimpMessageHeaderAccessor brokerHeaders(String destination, @Nullable String sessionId,
			@Nullable String subscriptionId) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setDestination(destination);
		headers.setSessionId(sessionId);
		headers.setSubscriptionId(subscriptionId);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setLeaveMutable(true);
		return headers;
	}

	private static StompHeaderAccessor decoded(byte[] frame) {
		List<Message<byte[]>> messages = new StompDecoder().decode(ByteBuffer.wrap(frame));
		assertThat(messages).hasSize(1);
		return StompHeaderAccessor.wrap(messages.get(0));
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

}
