package dev.stompchat.presence;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.chat.RoomBroadcasters;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.TestChatProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How subscriptions become JOIN and LEAVE: frames as the broker has handled them are
 * handed to the tracker, whose announcer publishes through a real {@code RoomBroadcaster}
 * over a recording channel; the leave grace passes when the test runs the task the
 * tracker scheduled.
 */
class PresenceTrackerTests {

	private static final String GENERAL = "/topic/rooms.general";

	private final List<Message<?>> published = new ArrayList<>();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final SimpleBrokerMessageHandler broker = new SimpleBrokerMessageHandler(new ExecutorSubscribableChannel(),
			new ExecutorSubscribableChannel(), new ExecutorSubscribableChannel(), List.of("/topic", "/queue"));

	private final MessageChannel inbound = (message, timeout) -> true;

	private final PresenceTracker tracker = tracker("chat.presence.leave-grace=2s");

	@Test
	void aNicknamesFirstSubscriptionToARoomIsAnnouncedAsJoin() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));

		assertThat(announcements()).containsExactly("JOIN alice in general");
	}

	@Test
	void aDepartureIsAnnouncedOnlyWhenTheGraceTaskRuns() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		Instant before = Instant.now();
		handled(unsubscribe("s1", "sub-1"));

		assertThat(announcements()).containsExactly("JOIN alice in general");
		assertThat(this.scheduler.pending()).singleElement()
			.extracting(ManualTaskScheduler.Task::startTime)
			.satisfies((start) -> assertThat(start).isAfterOrEqualTo(before.plus(Duration.ofSeconds(2))));

		this.scheduler.runPending();

		assertThat(announcements()).containsExactly("JOIN alice in general", "LEAVE alice in general");
	}

	@Test
	void aNicknameBackWithinTheGraceIsAnnouncedNeitherAsLeavingNorAsJoining() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		handled(disconnect("s1"));
		// a reload: a new connection of the same nickname subscribes again
		handled(subscribe("s2", "sub-1", GENERAL, "alice"));

		assertThat(this.scheduler.pending()).as("the pending departure is cancelled").isEmpty();
		this.scheduler.runPending();
		assertThat(announcements()).containsExactly("JOIN alice in general");
	}

	@Test
	void aNicknameBackAfterTheGraceIsAnnouncedAgain() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		handled(disconnect("s1"));
		this.scheduler.runPending();
		handled(subscribe("s2", "sub-1", GENERAL, "alice"));

		assertThat(announcements()).containsExactly("JOIN alice in general", "LEAVE alice in general",
				"JOIN alice in general");
	}

	@Test
	void severalSubscriptionsOfOneNicknameCountOnce() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		handled(subscribe("s1", "sub-2", GENERAL, "alice"));
		// a second tab
		handled(subscribe("s2", "sub-1", GENERAL, "alice"));
		assertThat(announcements()).containsExactly("JOIN alice in general");

		handled(unsubscribe("s1", "sub-1"));
		handled(disconnect("s2"));
		assertThat(this.scheduler.pending()).as("alice still has a subscription").isEmpty();

		handled(unsubscribe("s1", "sub-2"));
		this.scheduler.runPending();
		assertThat(announcements()).containsExactly("JOIN alice in general", "LEAVE alice in general");
	}

	@Test
	void aSubscriptionIdRepeatedOnOneConnectionCountsOnce() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		handled(unsubscribe("s1", "sub-1"));
		this.scheduler.runPending();

		assertThat(announcements()).containsExactly("JOIN alice in general", "LEAVE alice in general");
	}

	@Test
	void differentNicknamesAndRoomsAreAnnouncedEachOnTheirOwn() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		handled(subscribe("s1", "sub-2", "/topic/rooms.random", "alice"));
		handled(subscribe("s2", "sub-1", GENERAL, "bob"));

		assertThat(announcements()).containsExactly("JOIN alice in general", "JOIN alice in random",
				"JOIN bob in general");
	}

	@Test
	void aDisconnectEndsEverySubscriptionOfTheConnection() {
		handled(subscribe("s1", "sub-1", GENERAL, "alice"));
		handled(subscribe("s1", "sub-2", "/topic/rooms.random", "alice"));
		handled(disconnect("s1"));
		this.scheduler.runPending();

		// one LEAVE per room, in no particular order
		assertThat(announcements()).hasSize(4)
			.startsWith("JOIN alice in general", "JOIN alice in random")
			.containsOnlyOnce("LEAVE alice in general", "LEAVE alice in random");
	}

	@Test
	void withoutLeaveGraceADepartureIsAnnouncedAtOnce() {
		PresenceTracker tracker = tracker("chat.presence.leave-grace=0s");

		tracker.afterMessageHandled(subscribe("s1", "sub-1", GENERAL, "alice"), this.inbound, this.broker, null);
		tracker.afterMessageHandled(unsubscribe("s1", "sub-1"), this.inbound, this.broker, null);

		assertThat(announcements()).containsExactly("JOIN alice in general", "LEAVE alice in general");
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void subscriptionsToAnythingButAValidRoomTopicAreNotPresence() {
		handled(subscribe("s1", "sub-1", "/user/queue/errors", "alice"));
		handled(subscribe("s1", "sub-2", "/app/rooms.general.history", "alice"));
		handled(subscribe("s1", "sub-3", "/topic/rooms.Bad_Room", "alice"));
		handled(subscribe("s1", "sub-4", GENERAL, null));
		handled(disconnect("s1"));

		assertThat(announcements()).isEmpty();
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void framesNotHandledByTheBrokerOrThatFailedAreIgnored() {
		MessageHandler controllers = (message) -> {
		};
		this.tracker.afterMessageHandled(subscribe("s1", "sub-1", GENERAL, "alice"), this.inbound, controllers, null);
		this.tracker.afterMessageHandled(subscribe("s1", "sub-1", GENERAL, "alice"), this.inbound, this.broker,
				new IllegalStateException("refused"));

		assertThat(announcements()).isEmpty();
	}

	@Test
	void anUnsubscribeOrDisconnectOfNothingKnownIsIgnored() {
		handled(unsubscribe("s1", "sub-1"));
		handled(disconnect("s2"));

		assertThat(announcements()).isEmpty();
		assertThat(this.scheduler.pending()).isEmpty();
	}

	private void handled(Message<?> message) {
		this.tracker.afterMessageHandled(message, this.inbound, this.broker, null);
	}

	private static Message<byte[]> subscribe(String sessionId, String subscriptionId, String destination,
			@Nullable String nickname) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		headers.setSubscriptionId(subscriptionId);
		headers.setDestination(destination);
		return frame(headers, sessionId, nickname);
	}

	private static Message<byte[]> unsubscribe(String sessionId, String subscriptionId) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.UNSUBSCRIBE);
		headers.setSubscriptionId(subscriptionId);
		return frame(headers, sessionId, "alice");
	}

	private static Message<byte[]> disconnect(String sessionId) {
		return frame(StompHeaderAccessor.create(StompCommand.DISCONNECT), sessionId, "alice");
	}

	private static Message<byte[]> frame(StompHeaderAccessor headers, String sessionId, @Nullable String nickname) {
		headers.setSessionId(sessionId);
		if (nickname != null) {
			Principal user = () -> nickname;
			headers.setUser(user);
		}
		return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
	}

	private List<String> announcements() {
		return this.published.stream().map((message) -> {
			ChatMessage announcement = (ChatMessage) message.getPayload();
			return announcement.type() + " " + announcement.sender() + " in " + announcement.room();
		}).toList();
	}

	private PresenceTracker tracker(String... settings) {
		ChatProperties properties = TestChatProperties.with(settings);
		InMemoryRoomPresence presence = new InMemoryRoomPresence();
		SimpMessagingTemplate template = new SimpMessagingTemplate((message, timeout) -> this.published.add(message));
		PresenceAnnouncer announcer = new PresenceAnnouncer(RoomBroadcasters.over(template, properties, presence),
				presence, this.scheduler, properties);
		return new PresenceTracker(announcer, this.scheduler, properties);
	}

}
