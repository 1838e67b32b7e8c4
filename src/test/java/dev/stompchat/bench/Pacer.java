package dev.stompchat.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Sends at a steady rate on the calling thread: message {@code n} is due {@code n / rate}
 * seconds after the start, and a pacer that fell behind catches up at once rather than
 * lowering the rate it offers.
 */
final class Pacer {

	private final double nanosPerMessage;

	private final long start = System.nanoTime();

	private long sent;

	Pacer(double messagesPerSecond) {
		this.nanosPerMessage = 1e9 / messagesPerSecond;
	}

	/**
	 * Send every message due before {@code endNanos}.
	 * @param send takes the sequence number of each message, counting from 1
	 */
	void sendUntil(long endNanos, LongConsumer send) {
		while (true) {
			long now = System.nanoTime();
			if (now >= endNanos) {
				return;
			}
			while (due(this.sent) <= now) {
				send.accept(++this.sent);
			}
			LockSupport.parkNanos(Math.min(due(this.sent), endNanos) - System.nanoTime());
		}
	}

	private long due(long message) {
		return this.start + (long) (message * this.nanosPerMessage);
	}

}
