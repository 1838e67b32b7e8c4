package dev.stompchat.presence;

import java.time.Instant;
import java.util.List;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.chat.MessageType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms and members gauges, read from the room presence as the rooms' message stream
 * feeds it.
 */
class PresenceMetersTests {

	private final InMemoryRoomPresence presence = new InMemoryRoomPresence();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	// held, as the application context holds the bean: a gauge does not keep what it
	// reads from alive
	private final PresenceMeters meters = new PresenceMeters(this.presence);

	private int ids;

	PresenceMetersTests() {
		this.meters.bindTo(this.registry);
	}

	@Test
	void nobodyAnywhereIsNoRoomsAndNoMembers() {
		assertThat(gauge("chat.rooms")).isZero();
		assertThat(gauge("chat.members")).isZero();
	}

	@Test
	void membersAreSummedOverTheRoomsTheyAreIn() {
		feed("general", "alice", MessageType.JOIN);
		feed("general", "bob", MessageType.JOIN);
		feed("random", "alice", MessageType.JOIN);

		assertThat(gauge("chat.rooms")).isEqualTo(2);
		assertThat(gauge("chat.members")).isEqualTo(3);
	}

	@Test
	void aRoomWhoseLastMemberLeftIsNoLongerCounted() {
		feed("general", "alice", MessageType.JOIN);
		feed("random", "bob", MessageType.JOIN);
		feed("random", "bob", MessageType.LEAVE);

		assertThat(gauge("chat.rooms")).isEqualTo(1);
		assertThat(gauge("chat.members")).isEqualTo(1);
	}

	@Test
	void gatheredArrivalsAndDeparturesAreCountedToo() {
		this.presence.onMessage(new ChatMessage(nextId(), "crowd", null, null, Instant.now(), MessageType.PRESENCE,
				List.of("alice", "bob", "carol"), List.of()));
		this.presence.onMessage(new ChatMessage(nextId(), "crowd", null, null, Instant.now(), MessageType.PRESENCE,
				List.of(), List.of("bob")));

		assertThat(gauge("chat.rooms")).isEqualTo(1);
		assertThat(gauge("chat.members")).isEqualTo(2);
	}

	private void feed(String room, String nickname, MessageType type) {
		this.presence.onMessage(new ChatMessage(nextId(), room, nickname, null, Instant.now(), type));
	}

	private String nextId() {
		return Integer.toString(++this.ids);
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
