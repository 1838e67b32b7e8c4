package dev.stompchat.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Deliveries and their latency, by the step in the marker: a step's warm-up is tagged
 * with its negative number, so late warm-up deliveries never count as measured.
 */
final class StepLatencies implements DeliveryListener {

	private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

	private final Map<Integer, Step> steps = new ConcurrentHashMap<>();

	void start(int step) {
		this.steps.put(step, new Step());
	}

	long received(int step) {
		Step recorded = this.steps.get(step);
		return (recorded != null) ? recorded.received.sum() : 0;
	}

	/** Latency in microseconds from send to receipt. */
	Histogram latencyMicros(int step) {
		return this.steps.get(step).latencyMicros.getIntervalHistogram();
	}

	@Override
	public void delivered(int step, long sentNanos, long receivedNanos) {
		Step recorded = this.steps.get(step);
		if (recorded != null) {
			recorded.received.increment();
			long micros = (receivedNanos - sentNanos) / 1000;
			recorded.latencyMicros.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
		}
	}

	private static final class Step {

		final LongAdder received = new LongAdder();

		final Recorder latencyMicros = new Recorder(HIGHEST_MICROS, 3);

	}

}
