package dev.stompchat.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A count kept apart by benchmark step, a step's warm-up being counted under its negative
 * number.
 */
final class CountsByStep {

	private final Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();

	void increment(int step) {
		this.counts.computeIfAbsent(step, (key) -> new LongAdder()).increment();
	}

	long get(int step) {
		LongAdder count = this.counts.get(step);
		return (count != null) ? count.sum() : 0;
	}

}
