package dev.stompchat.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.chat.MessageType;
import dev.stompchat.chat.RoomBroadcasters;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.RoomName;
import dev.stompchat.core.TestChatProperties;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How arrivals and departures are announced: one by one in a small room, gathered over a
 * window in a large one. The announcer publishes through a real {@code RoomBroadcaster}
 * over a recording channel, which feeds a real {@link InMemoryRoomPresence}; the window
 * passes when the test runs the task the announcer scheduled.
 */
class PresenceAnnouncerTests {

	private static final RoomName ROOM = new RoomName("general");

	private final List<Message<?>> published = new ArrayList<>();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final InMemoryRoomPresence presence = new InMemoryRoomPresence();

	// rooms of up to two members announce each change at once
	private final PresenceAnnouncer announcer = announcer("chat.presence.coalesce-above=2",
			"chat.presence.window=500ms");

	@Test
	void eachArrivalAndDepartureInASmallRoomIsAnnouncedAtOnce() {
		this.announcer.joined(ROOM, "alice");
		this.announcer.joined(ROOM, "bob");
		this.announcer.left(ROOM, "alice");

		assertThat(announcements()).containsExactly("JOIN alice", "JOIN bob", "LEAVE alice");
		assertThat(this.scheduler.pending()).isEmpty();
		assertThat(this.presence.members(ROOM)).extracting(Member::nickname).containsExactly("bob");
	}

	@Test
	void announcementsGoToTheRoomsTopicNamingTheNicknameWithoutText() {
		this.announcer.joined(ROOM, "alice");

		assertThat(this.published).singleElement().satisfies((message) -> {
			assertThat(SimpMessageHeaderAccessor.getDestination(message.getHeaders()))
				.isEqualTo("/topic/rooms.general");
			assertThat(message.getPayload()).isInstanceOfSatisfying(ChatMessage.class, (join) -> {
				assertThat(join.type()).isEqualTo(MessageType.JOIN);
				assertThat(join.room()).isEqualTo("general");
				assertThat(join.sender()).isEqualTo("alice");
				assertThat(join.text()).isNull();
				assertThat(join.sentAt()).isEqualTo(RoomBroadcasters.NOW);
			});
		});
	}

	@Test
	void arrivalsAboveCoalesceAboveAreGatheredIntoOnePresenceWhenTheWindowsTaskRuns() {
		this.announcer.joined(ROOM, "alice");
		this.announcer.joined(ROOM, "bob");
		Instant before = Instant.now();
		this.announcer.joined(ROOM, "carol");
		this.announcer.joined(ROOM, "dave");
		Instant after = Instant.now();

		assertThat(announcements()).containsExactly("JOIN alice", "JOIN bob");
		assertThat(this.scheduler.pending()).singleElement()
			.extracting(ManualTaskScheduler.Task::startTime)
			.satisfies((start) -> assertThat(start).isBetween(before.plus(Duration.ofMillis(500)),
					after.plus(Duration.ofMillis(500))));

		this.scheduler.runPending();

		assertThat(announcements()).containsExactly("JOIN alice", "JOIN bob", "PRESENCE joined=[carol, dave] left=[]");
		assertThat(this.presence.memberCount(ROOM.value())).isEqualTo(4);
	}

	@Test
	void departuresFromALargeRoomAreGatheredToo() {
		fillRoom("alice", "bob", "carol", "dave");

		this.announcer.left(ROOM, "bob");
		this.announcer.left(ROOM, "carol");
		assertThat(announcements()).isEmpty();
		this.scheduler.runPending();

		assertThat(announcements()).containsExactly("PRESENCE joined=[] left=[bob, carol]");
		assertThat(this.presence.members(ROOM)).extracting(Member::nickname).containsExactly("alice", "dave");
	}

	@Test
	void someoneWhoJoinsAndLeavesWithinOneWindowIsNotAnnounced() {
		fillRoom("alice", "bob", "carol");

		this.announcer.joined(ROOM, "dave");
		this.announcer.joined(ROOM, "erin");
		this.announcer.left(ROOM, "dave");
		this.scheduler.runPending();

		assertThat(announcements()).containsExactly("PRESENCE joined=[erin] left=[]");
	}

	@Test
	void aWindowWhoseChangesCancelOutAnnouncesNothing() {
		fillRoom("alice", "bob", "carol");

		this.announcer.joined(ROOM, "dave");
		this.announcer.left(ROOM, "dave");
		this.announcer.left(ROOM, "bob");
		this.announcer.joined(ROOM, "bob");
		this.scheduler.runPending();

		assertThat(announcements()).isEmpty();
		assertThat(this.presence.members(ROOM)).extracting(Member::nickname).containsExactly("alice", "bob", "carol");
	}

	@Test
	void onceARoomGathersChangesEveryChangeWaitsForTheAnnouncement() {
		this.announcer.joined(ROOM, "alice");
		this.announcer.joined(ROOM, "bob");
		this.announcer.joined(ROOM, "carol");
		this.announcer.left(ROOM, "alice");
		this.announcer.left(ROOM, "bob");
		// the room would be small again, but dave's arrival must not overtake the others
		this.announcer.joined(ROOM, "dave");

		assertThat(announcements()).containsExactly("JOIN alice", "JOIN bob");
		this.scheduler.runPending();

		assertThat(announcements()).containsExactly("JOIN alice", "JOIN bob",
				"PRESENCE joined=[carol, dave] left=[alice, bob]");
	}

	@Test
	void afterTheAnnouncementASmallRoomAnnouncesEachChangeAtOnceAgain() {
		fillRoom("alice", "bob", "carol");
		this.announcer.left(ROOM, "carol");
		this.scheduler.runPending();
		this.published.clear();

		this.announcer.left(ROOM, "bob");

		assertThat(announcements()).containsExactly("LEAVE bob");
		assertThat(this.scheduler.pending()).isEmpty();
	}

	@Test
	void eachRoomIsGatheredOnItsOwn() {
		RoomName small = new RoomName("small");
		fillRoom("alice", "bob", "carol");

		this.announcer.joined(ROOM, "dave");
		this.announcer.joined(small, "erin");

		assertThat(announcements()).containsExactly("JOIN erin");
		this.scheduler.runPending();
		assertThat(announcements()).containsExactly("JOIN erin", "PRESENCE joined=[dave] left=[]");
	}

	@Test
	void coalesceAboveZeroGathersEveryChange() {
		PresenceAnnouncer announcer = announcer("chat.presence.coalesce-above=0");

		announcer.joined(ROOM, "alice");
		assertThat(announcements()).isEmpty();
		this.scheduler.runPending();

		assertThat(announcements()).containsExactly("PRESENCE joined=[alice] left=[]");
	}

	/** Put members in the room as one announcement, then forget what was published. */
	private void fillRoom(String... nicknames) {
		for (String nickname : nicknames) {
			this.announcer.joined(ROOM, nickname);
		}
		this.scheduler.runPending();
		assertThat(this.presence.members(ROOM)).extracting(Member::nickname).containsExactly(nicknames);
		this.published.clear();
	}

	private List<String> announcements() {
		return this.published.stream().map((message) -> describe((ChatMessage) message.getPayload())).toList();
	}

	private static String describe(ChatMessage message) {
		return (message.type() == MessageType.PRESENCE)
				? "PRESENCE joined=" + message.joined() + " left=" + message.left()
				: message.type() + " " + message.sender();
	}

	private PresenceAnnouncer announcer(String... settings) {
		ChatProperties properties = TestChatProperties.with(settings);
		SimpMessagingTemplate broker = new SimpMessagingTemplate((message, timeout) -> this.published.add(message));
		return new PresenceAnnouncer(RoomBroadcasters.over(broker, properties, this.presence), this.presence,
				this.scheduler, properties);
	}

}
