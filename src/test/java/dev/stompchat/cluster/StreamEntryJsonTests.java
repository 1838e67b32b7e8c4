package dev.stompchat.cluster;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import dev.stompchat.chat.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the streams hold survives being written and read back as JSON, each entry naming
 * its kind, so that instances agree on what they read.
 */
class StreamEntryJsonTests {

	private static final Instant AT = Instant.parse("2026-11-25T08:00:00.123Z");

	private final JsonMapper json = JsonMapper.builder().build();

	static Stream<Arguments> entries() {
		return Stream.of(
				Arguments.of("posted", new StreamEntry.Posted("a", "a-1", "general", "alice", "Hello, café ☕", AT)),
				Arguments.of("presence",
						new StreamEntry.PresenceChanged("a", "a-2", "general", MessageType.JOIN, "alice", null, null,
								AT)),
				Arguments.of("presence",
						new StreamEntry.PresenceChanged("a", "a-3", "general", MessageType.PRESENCE, null,
								List.of("bob", "carol"), List.of(), AT)),
				Arguments.of("started", new StreamEntry.Started("a")),
				Arguments.of("expired", new StreamEntry.Expired("b", "a", AT)),
				Arguments.of("heartbeat", new StreamEntry.Heartbeat("a")),
				Arguments.of("claimed",
						new StreamEntry.Claimed("a", "a-5", "alice", "Alice", "session-1", "presented", "new",
								"looks like admin")),
				Arguments.of("claimed",
						new StreamEntry.Claimed("a", "a-6", "alice", "Alice", "session-1", null, "new", null)),
				Arguments.of("released", new StreamEntry.Released("a", "session-1")));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("entries")
	void everyEntrySurvivesAJsonRoundTrip(String kind, StreamEntry entry) {
		byte[] written = this.json.writeValueAsBytes(entry);

		assertThat(this.json.readValue(written, StreamEntry.class)).isEqualTo(entry);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("entries")
	void everyEntryNamesItsKind(String kind, StreamEntry entry) {
		assertThat(this.json.writeValueAsString(entry)).contains("\"kind\":\"" + kind + "\"");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("entries")
	void anEntryIsReadBackAsTheSameType(String kind, StreamEntry entry) {
		assertThat(this.json.readValue(this.json.writeValueAsString(entry), StreamEntry.class))
			.isExactlyInstanceOf(entry.getClass());
	}

	@Test
	void instantsAreKeptToTheMillisecond() {
		Instant precise = Instant.parse("2026-11-25T08:00:00.123456789Z");
		StreamEntry.Posted posted = new StreamEntry.Posted("a", "a-1", "general", "alice", "hi", precise);

		StreamEntry read = this.json.readValue(this.json.writeValueAsString(posted), StreamEntry.class);

		assertThat(read).isInstanceOfSatisfying(StreamEntry.Posted.class,
				(back) -> assertThat(back.sentAt().truncatedTo(ChronoUnit.MILLIS))
					.isEqualTo(Instant.parse("2026-11-25T08:00:00.123Z")));
	}

	@Test
	void nullablePartsAreReadBackAsNull() {
		String written = this.json.writeValueAsString(
				new StreamEntry.PresenceChanged("a", "a-2", "general", MessageType.LEAVE, "alice", null, null, AT));

		assertThat(this.json.readValue(written, StreamEntry.class))
			.isInstanceOfSatisfying(StreamEntry.PresenceChanged.class, (back) -> {
				assertThat(back.joined()).isNull();
				assertThat(back.left()).isNull();
				assertThat(back.type()).isEqualTo(MessageType.LEAVE);
			});
	}

	@Test
	void aMessageTypeIsWrittenByName() {
		assertThat(this.json.writeValueAsString(
				new StreamEntry.PresenceChanged("a", "a-2", "general", MessageType.JOIN, "alice", null, null, AT)))
			.contains("\"type\":\"JOIN\"");
	}

}
