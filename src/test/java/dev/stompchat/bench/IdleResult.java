package dev.stompchat.bench;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What holding idle connections cost the server. Memory in bytes; live heap is
 * {@code null} when the server is not a JVM.
 *
 * @param connections connections attempted, established and failed
 * @param connectMillis how long opening them all took
 * @param heldMillis how long they were held
 * @param closedDuringHold connections the server closed while they were held
 * @param serverRssBefore the server's resident memory before connecting
 * @param serverRssHeld its resident memory while the connections were held
 * @param rssPerConnection resident memory added, divided by the connections established
 * @param liveHeapBefore the server's heap after a full collection, before connecting
 * @param liveHeapHeld its heap after a full collection while the connections were held
 * @param heapPerConnection live heap added, divided by the connections established
 * @param clientCpu cores the load generator used while holding
 * @param serverCpu cores the server used while holding (heart-beats, mostly)
 */
record IdleResult(StompConnector.ConnectionCounts connections, long connectMillis, long heldMillis,
		long closedDuringHold, long serverRssBefore, long serverRssHeld, Long rssPerConnection, Long liveHeapBefore,
		Long liveHeapHeld, Long heapPerConnection, double clientCpu, double serverCpu) {

	/** Each metric's median over several runs. */
	static IdleResult median(List<IdleResult> runs) {
		return new IdleResult(
				new StompConnector.ConnectionCounts((int) medianOf(runs, (run) -> run.connections().attempted()),
						(int) medianOf(runs, (run) -> run.connections().established()),
						(int) medianOf(runs, (run) -> run.connections().failed())),
				medianOf(runs, IdleResult::connectMillis), medianOf(runs, IdleResult::heldMillis),
				medianOf(runs, IdleResult::closedDuringHold), medianOf(runs, IdleResult::serverRssBefore),
				medianOf(runs, IdleResult::serverRssHeld), medianOrNull(runs, IdleResult::rssPerConnection),
				medianOrNull(runs, IdleResult::liveHeapBefore), medianOrNull(runs, IdleResult::liveHeapHeld),
				medianOrNull(runs, IdleResult::heapPerConnection), StepResult.median(runs, IdleResult::clientCpu),
				StepResult.median(runs, IdleResult::serverCpu));
	}

	private static long medianOf(List<IdleResult> runs, Function<IdleResult, Number> metric) {
		return Math.round(StepResult.median(runs, (run) -> metric.apply(run).doubleValue()));
	}

	private static Long medianOrNull(List<IdleResult> runs, Function<IdleResult, Long> metric) {
		List<Long> known = runs.stream().map(metric).filter(Objects::nonNull).toList();
		return known.isEmpty() ? null : Math.round(StepResult.median(known, Long::doubleValue));
	}

}
