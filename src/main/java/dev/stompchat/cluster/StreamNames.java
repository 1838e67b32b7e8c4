package dev.stompchat.cluster;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.stompchat.core.ChatProperties;

/**
 * The streams of one chat: {@code <prefix>.rooms.<n>} for rooms, hashed by name onto a
 * fixed number of partitions, and {@code <prefix>.control} for nickname claims and
 * instances' heart-beats. Rooms share partitions rather than having a stream each: people
 * make up room names without limit, and every stream is a process and files on the
 * broker.
 */
record StreamNames(String prefix, int partitions) {

	StreamNames(ChatProperties.Rabbitmq settings) {
		this(settings.streamPrefix(), settings.partitions());
	}

	/**
	 * The partition of a room; {@link String#hashCode()} is specified, so every instance
	 * and every version agrees.
	 */
	int partitionOf(String room) {
		return Math.floorMod(room.hashCode(), this.partitions);
	}

	String rooms(int partition) {
		return this.prefix + ".rooms." + partition;
	}

	String control() {
		return this.prefix + ".control";
	}

	Stream<String> all() {
		return Stream.concat(IntStream.range(0, this.partitions).mapToObj(this::rooms), Stream.of(control()));
	}

}
