package dev.stompchat.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatException;
import dev.stompchat.core.RoomName;
import dev.stompchat.core.TestChatProperties;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessagingTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How long a chat message waited to be handled decides whether it is broadcast: up to
 * {@code chat.overload.max-wait} it is, past it it is refused as {@code OVERLOADED} and
 * nothing is published.
 */
class RoomBroadcasterTests {

	private static final RoomName ROOM = new RoomName("general");

	private final List<Message<?>> published = new ArrayList<>();

	private final RoomBroadcaster rooms = RoomBroadcasters.over(
			new SimpMessagingTemplate((message, timeout) -> this.published.add(message)),
			TestChatProperties.with("chat.overload.max-wait=250ms"));

	@Test
	void aMessageThatWaitedUpToTheBoundIsBroadcast() throws Exception {
		ChatMessage message = this.rooms.post(ROOM, "alice", "hello", Duration.ofMillis(250)).get(5, TimeUnit.SECONDS);

		assertThat(message.text()).isEqualTo("hello");
		assertThat(this.published).singleElement()
			.satisfies((sent) -> assertThat(sent.getPayload()).isEqualTo(message));
	}

	@Test
	void aMessageThatWaitedPastTheBoundIsRefusedAsOverloadedAndNotPublished() {
		assertThatExceptionOfType(ChatException.class)
			.isThrownBy(() -> this.rooms.post(ROOM, "alice", "hello", Duration.ofMillis(251)))
			.satisfies((refusal) -> {
				assertThat(refusal.getCode()).isEqualTo(ChatErrorCode.OVERLOADED);
				assertThat(refusal.getMessage()).isEqualTo(RoomBroadcaster.SERVER_BUSY);
			});
		assertThat(this.published).isEmpty();
	}

}
