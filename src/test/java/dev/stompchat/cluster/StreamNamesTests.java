package dev.stompchat.cluster;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams' names and which partition a room goes to: every instance and every version
 * must agree.
 */
class StreamNamesTests {

	private final StreamNames names = new StreamNames("chat", 16);

	@Test
	void roomPartitionsAreNamedPrefixRoomsN() {
		assertThat(this.names.rooms(0)).isEqualTo("chat.rooms.0");
		assertThat(this.names.rooms(15)).isEqualTo("chat.rooms.15");
	}

	@Test
	void controlIsNamedPrefixControl() {
		assertThat(this.names.control()).isEqualTo("chat.control");
		assertThat(new StreamNames("staging-chat", 4).control()).isEqualTo("staging-chat.control");
	}

	@Test
	void allListsThePartitionsInOrderThenControl() {
		assertThat(new StreamNames("chat", 3).all()).containsExactly("chat.rooms.0", "chat.rooms.1", "chat.rooms.2",
				"chat.control");
	}

	@Test
	void partitionOfIsWithinRange() {
		IntStream.range(0, 1000).mapToObj((n) -> "room-" + n).forEach((room) -> {
			assertThat(this.names.partitionOf(room)).isBetween(0, 15);
			assertThat(new StreamNames("chat", 3).partitionOf(room)).isBetween(0, 2);
		});
	}

	@Test
	void partitionOfIsStable() {
		// String.hashCode() floorMod 16; "general" and "random" hash to negative values
		assertThat(this.names.partitionOf("general")).isEqualTo(8);
		assertThat(this.names.partitionOf("random")).isEqualTo(3);
		assertThat(this.names.partitionOf("lobby")).isEqualTo(6);
		assertThat(this.names.partitionOf("café")).isEqualTo(1);
		assertThat(this.names.partitionOf("Général")).isEqualTo(0);
	}

	@Test
	void partitionOfIsTheSameForEveryInstance() {
		assertThat(new StreamNames("chat", 16).partitionOf("general"))
			.isEqualTo(new StreamNames("other", 16).partitionOf("general"));
	}

	@Test
	void partitionOfSpreadsRoomsOverAllPartitions() {
		Set<Integer> used = IntStream.range(0, 1000)
			.mapToObj((n) -> "room-" + n)
			.map(this.names::partitionOf)
			.collect(Collectors.toSet());

		assertThat(used).hasSize(16);
	}

}
