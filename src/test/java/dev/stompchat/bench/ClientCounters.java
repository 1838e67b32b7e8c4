package dev.stompchat.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a group of connections (the publishers, say) heard back besides deliveries:
 * receipts and refusals by code, each counted in the step of the message it answers, as
 * read from the receipt id (see {@link StompFrames#receiptId(int, long)}). An answer that
 * names no step (every refusal when SENDs ask for no receipts, an ERROR frame without a
 * {@code receipt-id}) counts in the step being {@linkplain #counting(int) counted} when
 * it arrives.
 */
final class ClientCounters {

	/**
	 * The code under which ERROR frames are counted: STOMP's ERROR frame carries no code.
	 */
	static final String ERROR_FRAME = "ERROR frame";

	private final CountsByStep receipts = new CountsByStep();

	private final Map<Integer, Map<String, LongAdder>> refusals = new ConcurrentHashMap<>();

	private volatile int current;

	/** From now on, answers that name no step count in the given one. */
	void counting(int step) {
		this.current = step;
	}

	/** The step answers that name no step count in now. */
	int current() {
		return this.current;
	}

	void receipt(int step) {
		this.receipts.increment(step);
	}

	void refused(int step, String code) {
		this.refusals.computeIfAbsent(step, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(code, (key) -> new LongAdder())
			.increment();
	}

	/** The counts so far for the messages of the given step. */
	Tally tally(int step) {
		Map<String, Long> refused = new TreeMap<>();
		this.refusals.getOrDefault(step, Map.of()).forEach((code, count) -> refused.put(code, count.sum()));
		return new Tally(this.receipts.get(step), refused);
	}

	/**
	 * The counts of one step at one moment.
	 *
	 * @param receipts RECEIPT frames
	 * @param refusals errors by code: the {@code code} of an error-destination message,
	 * or {@link #ERROR_FRAME}
	 */
	record Tally(long receipts, Map<String, Long> refusals) {

		long refused() {
			return this.refusals.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
