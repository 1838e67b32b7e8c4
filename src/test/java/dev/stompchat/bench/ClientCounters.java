package dev.stompchat.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a group of connections (the publishers, say) heard back besides deliveries:
 * receipts, refusals by code, and closes the server initiated.
 */
final class ClientCounters {

	/** The code under which ERROR frames are counted: STOMP's ERROR frame carries no code. */
	static final String ERROR_FRAME = "ERROR frame";

	private final LongAdder receipts = new LongAdder();

	private final LongAdder closedByServer = new LongAdder();

	private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

	void receipt() {
		this.receipts.increment();
	}

	void refused(String code) {
		this.refusals.computeIfAbsent(code, (key) -> new LongAdder()).increment();
	}

	void closedByServer() {
		this.closedByServer.increment();
	}

	Tally tally() {
		Map<String, Long> refused = new TreeMap<>();
		this.refusals.forEach((code, count) -> refused.put(code, count.sum()));
		return new Tally(this.receipts.sum(), this.closedByServer.sum(), refused);
	}

	/**
	 * The counts at one moment.
	 * @param receipts RECEIPT frames
	 * @param closedByServer connections the server closed
	 * @param refusals errors by code: the {@code code} of an error-destination message, or
	 * {@link #ERROR_FRAME}
	 */
	record Tally(long receipts, long closedByServer, Map<String, Long> refusals) {

		Tally since(Tally earlier) {
			Map<String, Long> refused = new TreeMap<>(this.refusals);
			earlier.refusals.forEach((code, count) -> refused.merge(code, -count, Long::sum));
			refused.values().removeIf((count) -> count == 0);
			return new Tally(this.receipts - earlier.receipts, this.closedByServer - earlier.closedByServer, refused);
		}

		long refused() {
			return this.refusals.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
