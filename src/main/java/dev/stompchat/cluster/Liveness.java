package dev.stompchat.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each instance was last heard from, as this instance's clock saw it. An instance
 * silent for longer than {@code silence} is presumed dead, but only counting the time
 * this instance itself was hearing: after its own outage or pause, everyone gets the full
 * silence again, so that an instance coming back does not bury the living.
 */
final class Liveness {

	private final long silenceNanos;

	private final Map<String, Long> lastHeard = new HashMap<>();

	private long hearingSince;

	Liveness(Duration silence, long now) {
		this.silenceNanos = silence.toNanos();
		this.hearingSince = now;
	}

	synchronized void heard(String instance, long now) {
		this.lastHeard.put(instance, now);
	}

	synchronized void forget(String instance) {
		this.lastHeard.remove(instance);
	}

	/** This instance could not hear anyone until now. */
	synchronized void deafUntil(long now) {
		this.hearingSince = now;
	}

	/** The instances silent for too long, which are forgotten here. */
	synchronized List<String> silent(long now) {
		List<String> silent = this.lastHeard.entrySet()
			.stream()
			.filter((entry) -> now - Math.max(entry.getValue(), this.hearingSince) > this.silenceNanos)
			.map(Map.Entry::getKey)
			.toList();
		silent.forEach(this.lastHeard::remove);
		return silent;
	}

}
