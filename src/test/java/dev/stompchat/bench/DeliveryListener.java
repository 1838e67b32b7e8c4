package dev.stompchat.bench;

/**
 * Told of each benchmark message a connection receives, as read from its marker
 * {@code bench:<step>:<sequence>:<nanos>}.
 */
@FunctionalInterface
interface DeliveryListener {

	DeliveryListener NONE = (step, sentNanos, receivedNanos) -> {
	};

	void delivered(int step, long sentNanos, long receivedNanos);

}
