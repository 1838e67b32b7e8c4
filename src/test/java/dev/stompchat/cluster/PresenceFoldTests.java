package dev.stompchat.cluster;

import java.time.Instant;
import java.util.List;

import dev.stompchat.chat.MessageDraft;
import dev.stompchat.chat.MessageType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is in a room across instances, folded from a partition's presence entries: what the
 * room is told is only what changes who is in it.
 */
class PresenceFoldTests {

	private static final Instant SENT_AT = Instant.parse("2026-11-25T08:00:00.123Z");

	private static final Instant EXPIRED_AT = Instant.parse("2026-11-25T08:05:00.456Z");

	private final PresenceFold fold = new PresenceFold();

	@Test
	void firstJoinIsAnnounced() {
		assertThat(this.fold.apply(join("a", "general", "alice")))
			.isEqualTo(new MessageDraft("general", "alice", null, SENT_AT, MessageType.JOIN, null, null));
	}

	@Test
	void secondInstanceJoiningIsNotAnnounced() {
		this.fold.apply(join("a", "general", "alice"));

		assertThat(this.fold.apply(join("b", "general", "alice"))).isNull();
	}

	@Test
	void theSameInstanceJoiningAgainIsNotAnnounced() {
		this.fold.apply(join("a", "general", "alice"));

		assertThat(this.fold.apply(join("a", "general", "alice"))).isNull();
	}

	@Test
	void leavingIsAnnouncedOnlyWhenTheLastInstanceLetsGo() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(join("b", "general", "alice"));

		assertThat(this.fold.apply(leave("a", "general", "alice"))).isNull();
		assertThat(this.fold.apply(leave("b", "general", "alice")))
			.isEqualTo(new MessageDraft("general", "alice", null, SENT_AT, MessageType.LEAVE, null, null));
	}

	@Test
	void leaveFromAnInstanceThatNeverHeldTheNicknameIsNotAnnounced() {
		this.fold.apply(join("a", "general", "alice"));

		assertThat(this.fold.apply(leave("b", "general", "alice"))).isNull();
		assertThat(this.fold.apply(leave("b", "general", "bob"))).isNull();
		assertThat(this.fold.apply(leave("a", "general", "alice"))).as("alice was still held by a").isNotNull();
	}

	@Test
	void presenceAnnouncesOnlyTheNicknamesWhoseMembershipChanged() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(join("a", "general", "bob"));
		this.fold.apply(join("b", "general", "carol"));

		MessageDraft announced = this.fold
			.apply(presence("b", "general", List.of("alice", "dave"), List.of("carol", "erin")));

		assertThat(announced).isEqualTo(new MessageDraft("general", null, null, SENT_AT, MessageType.PRESENCE,
				List.of("dave"), List.of("carol")));
	}

	@Test
	void presenceOfDeparturesHeldElsewhereAnnouncesOnlyThoseThatLeft() {
		this.fold.apply(presence("a", "general", List.of("alice", "bob"), List.of()));
		this.fold.apply(presence("b", "general", List.of("alice"), List.of()));

		MessageDraft announced = this.fold.apply(presence("a", "general", List.of(), List.of("alice", "bob")));

		assertThat(announced).isEqualTo(
				new MessageDraft("general", null, null, SENT_AT, MessageType.PRESENCE, List.of(), List.of("bob")));
	}

	@Test
	void presenceThatChangesNobodyAnnouncesNothing() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(join("a", "general", "bob"));

		assertThat(this.fold.apply(presence("b", "general", List.of("alice"), List.of("carol")))).isNull();
		assertThat(this.fold.apply(presence("b", "general", List.of(), List.of()))).isNull();
		assertThat(this.fold.apply(presence("b", "general", null, null))).isNull();
	}

	@Test
	void chatEntriesChangeNobody() {
		assertThat(this.fold.apply(change("a", "general", MessageType.CHAT, "alice", null, null))).isNull();
		assertThat(this.fold.apply(join("b", "general", "alice"))).isNotNull();
	}

	@Test
	void expiringAnInstanceAnnouncesOneLeaveForASingleDeparture() {
		this.fold.apply(join("a", "general", "alice"));

		assertThat(this.fold.expire("a", EXPIRED_AT))
			.containsExactly(new MessageDraft("general", "alice", null, EXPIRED_AT, MessageType.LEAVE, null, null));
	}

	@Test
	void expiringAnInstanceAnnouncesOnePresenceForSeveralDepartures() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(join("a", "general", "bob"));
		this.fold.apply(join("a", "general", "carol"));

		assertThat(this.fold.expire("a", EXPIRED_AT)).singleElement().satisfies((presence) -> {
			assertThat(presence.room()).isEqualTo("general");
			assertThat(presence.sender()).isNull();
			assertThat(presence.text()).isNull();
			assertThat(presence.sentAt()).isEqualTo(EXPIRED_AT);
			assertThat(presence.type()).isEqualTo(MessageType.PRESENCE);
			assertThat(presence.joined()).isEmpty();
			assertThat(presence.left()).containsExactlyInAnyOrder("alice", "bob", "carol");
		});
	}

	@Test
	void expiringAnInstanceAnnouncesPerRoom() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(join("a", "random", "alice"));
		this.fold.apply(join("a", "random", "bob"));

		List<MessageDraft> departures = this.fold.expire("a", EXPIRED_AT);

		assertThat(departures).hasSize(2);
		assertThat(departures).filteredOn((departure) -> departure.room().equals("general"))
			.containsExactly(new MessageDraft("general", "alice", null, EXPIRED_AT, MessageType.LEAVE, null, null));
		assertThat(departures).filteredOn((departure) -> departure.room().equals("random"))
			.singleElement()
			.satisfies((presence) -> {
				assertThat(presence.type()).isEqualTo(MessageType.PRESENCE);
				assertThat(presence.left()).containsExactlyInAnyOrder("alice", "bob");
			});
	}

	@Test
	void expiringAnInstanceLeavesOtherInstancesHoldingsAlone() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(join("b", "general", "alice"));
		this.fold.apply(join("b", "general", "bob"));
		this.fold.apply(join("a", "general", "carol"));

		assertThat(this.fold.expire("a", EXPIRED_AT))
			.containsExactly(new MessageDraft("general", "carol", null, EXPIRED_AT, MessageType.LEAVE, null, null));
		assertThat(this.fold.apply(join("c", "general", "alice"))).as("alice is still held by b").isNull();
		assertThat(this.fold.apply(join("c", "general", "bob"))).as("bob is still held by b").isNull();
		assertThat(this.fold.apply(leave("b", "general", "bob"))).as("c still holds bob").isNull();
		assertThat(this.fold.expire("b", EXPIRED_AT)).as("c still holds alice").isEmpty();
	}

	@Test
	void expiringTheSameInstanceTwiceAnnouncesNothingTheSecondTime() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(join("a", "random", "bob"));
		assertThat(this.fold.expire("a", EXPIRED_AT)).hasSize(2);

		assertThat(this.fold.expire("a", EXPIRED_AT)).isEmpty();
	}

	@Test
	void expiringAnInstanceThatHeldNothingAnnouncesNothing() {
		this.fold.apply(join("a", "general", "alice"));

		assertThat(this.fold.expire("b", EXPIRED_AT)).isEmpty();
	}

	@Test
	void aNicknameMayRejoinOnceItLeft() {
		this.fold.apply(join("a", "general", "alice"));
		this.fold.apply(leave("a", "general", "alice"));

		assertThat(this.fold.apply(join("b", "general", "alice"))).isNotNull();
	}

	@Test
	void roomsAreIndependent() {
		this.fold.apply(join("a", "general", "alice"));

		assertThat(this.fold.apply(join("b", "random", "alice")))
			.isEqualTo(new MessageDraft("random", "alice", null, SENT_AT, MessageType.JOIN, null, null));
		assertThat(this.fold.apply(leave("a", "general", "alice")))
			.isEqualTo(new MessageDraft("general", "alice", null, SENT_AT, MessageType.LEAVE, null, null));
		assertThat(this.fold.apply(leave("a", "random", "alice"))).as("a never held alice in random").isNull();
		assertThat(this.fold.apply(leave("b", "random", "alice"))).isNotNull();
	}

	private static StreamEntry.PresenceChanged join(String instance, String room, String nickname) {
		return change(instance, room, MessageType.JOIN, nickname, null, null);
	}

	private static StreamEntry.PresenceChanged leave(String instance, String room, String nickname) {
		return change(instance, room, MessageType.LEAVE, nickname, null, null);
	}

	private static StreamEntry.PresenceChanged presence(String instance, String room, @Nullable List<String> joined,
			@Nullable List<String> left) {
		return change(instance, room, MessageType.PRESENCE, null, joined, left);
	}

	private static StreamEntry.PresenceChanged change(String instance, String room, MessageType type,
			@Nullable String nickname, @Nullable List<String> joined, @Nullable List<String> left) {
		return new StreamEntry.PresenceChanged(instance, "correlation", room, type, nickname, joined, left, SENT_AT);
	}

}
