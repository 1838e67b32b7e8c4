package dev.stompchat.cluster;

/**
 * Reads the streams in order: every entry once, in stream order, whatever the broker
 * redelivers after a reconnection.
 */
interface StreamListener {

	/** An entry of a room partition; {@code offset} is its place in that partition. */
	default void onRoomEntry(int partition, long offset, StreamEntry entry) {
	}

	/** An entry of the control stream. */
	default void onControlEntry(long offset, StreamEntry entry) {
	}

}
