package dev.stompchat.admission;

import java.util.ArrayList;
import java.util.List;

import dev.stompchat.core.TestClientReplies;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a client may subscribe and send, and the ERROR frame that answers any other
 * destination. {@code preSend} replies through a real {@code ClientReplies} over a
 * recording outbound channel.
 */
class DestinationGuardTests {

	private final List<Message<?>> toClients = new ArrayList<>();

	private final List<Message<?>> toBroker = new ArrayList<>();

	private final MessageChannel inbound = (message, timeout) -> true;

	private final DestinationGuard guard = new DestinationGuard(
			TestClientReplies.over(recording(this.toClients), recording(this.toBroker)));

	@ParameterizedTest
	@ValueSource(strings = { "/topic/rooms.general", "/topic/rooms.room-42", "/user/queue/errors",
			"/app/rooms.general.history", "/app/rooms.general.members", "/app/rooms", "/app/anything" })
	void roomTopicsTheErrorQueueAndTheApplicationMayBeSubscribed(String destination) {
		assertThat(DestinationGuard.problemWith(StompCommand.SUBSCRIBE, destination)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/other", "/topic/rooms", "/queue/errors", "/user/bob/queue/errors",
			"/user/queue/errors-user1", "/user/queue/other", "/topic", "rooms.general", "" })
	void anyOtherSubscriptionIsRefusedSayingWhatMayBeSubscribed(String destination) {
		assertThat(DestinationGuard.problemWith(StompCommand.SUBSCRIBE, destination))
			.isEqualTo("Subscribing to '" + destination + "' is not allowed: subscribe to /topic/rooms.{room}, "
					+ "/user/queue/errors or /app/….");
	}

	@Test
	void aSubscriptionToTheTopicOfAnInvalidRoomSaysWhatIsWrongWithTheName() {
		assertThat(DestinationGuard.problemWith(StompCommand.SUBSCRIBE, "/topic/rooms.Bad_Room"))
			.isEqualTo("Subscribing to '/topic/rooms.Bad_Room' is not allowed: Invalid room name 'Bad_Room': "
					+ "use 1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit.");
		assertThat(DestinationGuard.problemWith(StompCommand.SUBSCRIBE, "/topic/rooms."))
			.startsWith("Subscribing to '/topic/rooms.' is not allowed: Invalid room name '': ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/app/rooms.general.send", "/app/rooms.x.send", "/app/anything" })
	void sendingToTheApplicationIsAllowed(String destination) {
		assertThat(DestinationGuard.problemWith(StompCommand.SEND, destination)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/rooms.general", "/user/bob/queue/errors", "/user/queue/errors", "/queue/x", "/app",
			"app/rooms.general.send", "" })
	void sendingAnywhereElseIsRefusedSayingWhereToSend(String destination) {
		assertThat(DestinationGuard.problemWith(StompCommand.SEND, destination))
			.isEqualTo("Sending to '" + destination + "' is not allowed: send to /app/rooms.{room}.send.");
	}

	@Test
	void aDestinationThatClimbsWithTwoDotsIsRefusedForSendAndSubscribe() {
		assertThat(DestinationGuard.problemWith(StompCommand.SEND, "/app/../topic/rooms.general"))
			.isEqualTo("Sending to '/app/../topic/rooms.general' is not allowed: a destination must not contain '..'.");
		assertThat(DestinationGuard.problemWith(StompCommand.SUBSCRIBE, "/app/rooms..history"))
			.isEqualTo("Subscribing to '/app/rooms..history' is not allowed: a destination must not contain '..'.");
		// named before the room, which is invalid too
		assertThat(DestinationGuard.problemWith(StompCommand.SUBSCRIBE, "/topic/rooms.a..b"))
			.endsWith("a destination must not contain '..'.");
	}

	@Test
	void aMissingDestinationIsRefusedForSendAndSubscribe() {
		assertThat(DestinationGuard.problemWith(StompCommand.SEND, null)).startsWith("Sending to '' is not allowed");
		assertThat(DestinationGuard.problemWith(StompCommand.SUBSCRIBE, null))
			.startsWith("Subscribing to '' is not allowed");
	}

	@ParameterizedTest
	@EnumSource(value = StompCommand.class, names = { "SEND", "SUBSCRIBE" }, mode = EnumSource.Mode.EXCLUDE)
	void otherFramesAreNotTheGuardsConcern(StompCommand command) {
		assertThat(DestinationGuard.problemWith(command, "/topic/other/../x")).isNull();
		assertThat(DestinationGuard.problemWith(command, null)).isNull();
	}

	@Test
	void theRefusalQuotesOnlyAShortExcerptOfTheDestination() {
		String destination = "/topic/" + "x".repeat(10_000);

		assertThat(DestinationGuard.problemWith(StompCommand.SEND, destination)).hasSizeLessThan(200)
			.contains("'/topic/xxx")
			.contains("…'");
	}

	@Test
	void anAllowedFramePassesAndNothingIsSentToTheClient() {
		Message<byte[]> frame = frame(StompCommand.SUBSCRIBE, "/topic/rooms.general", null);

		assertThat(this.guard.preSend(frame, this.inbound)).isSameAs(frame);
		assertThat(this.toClients).isEmpty();
	}

	@Test
	void aRefusedFrameIsDroppedAndAnsweredWithAnErrorFrame() {
		Message<byte[]> frame = frame(StompCommand.SEND, "/topic/rooms.general", null);

		assertThat(this.guard.preSend(frame, this.inbound)).isNull();

		assertThat(this.toClients).singleElement().satisfies((reply) -> {
			StompHeaderAccessor error = StompHeaderAccessor.wrap(reply);
			assertThat(error.getCommand()).isEqualTo(StompCommand.ERROR);
			assertThat(error.getSessionId()).isEqualTo("s1");
			assertThat(error.getMessage())
				.isEqualTo("Sending to '/topic/rooms.general' is not allowed: send to /app/rooms.{room}.send.");
			assertThat(error.getReceiptId()).isNull();
		});
		assertThat(this.toBroker).isEmpty();
	}

	@Test
	void theErrorFrameCarriesTheRefusedFramesReceipt() {
		this.guard.preSend(frame(StompCommand.SUBSCRIBE, "/queue/errors", "r-7"), this.inbound);

		assertThat(this.toClients).singleElement()
			.satisfies((reply) -> assertThat(StompHeaderAccessor.wrap(reply).getReceiptId()).isEqualTo("r-7"));
	}

	@Test
	void aMessageThatIsNoStompFramePasses() {
		Message<String> message = MessageBuilder.withPayload("not a frame").build();

		assertThat(this.guard.preSend(message, this.inbound)).isSameAs(message);
		assertThat(this.toClients).isEmpty();
	}

	private static Message<byte[]> frame(StompCommand command, String destination, @Nullable String receipt) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(command);
		headers.setSessionId("s1");
		headers.setDestination(destination);
		if (command == StompCommand.SUBSCRIBE) {
			headers.setSubscriptionId("sub-1");
		}
		if (receipt != null) {
			headers.setReceipt(receipt);
		}
		headers.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

	private static MessageChannel recording(List<Message<?>> messages) {
		return (message, timeout) -> messages.add(message);
	}

}
