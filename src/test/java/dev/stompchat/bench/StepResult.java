package dev.stompchat.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * One offered rate, measured. Latencies in milliseconds, CPU in cores, memory in bytes.
 *
 * @param offeredRate messages per second offered, by all senders together
 * @param connections connections attempted, established and failed
 * @param published SEND frames written while measuring
 * @param refusals refusals of those SENDs by code (an error-destination code, or an ERROR
 * frame); a refusal that names no receipt counts when it arrives during the measured time
 * or the drain
 * @param accepted published minus refused
 * @param receipts RECEIPT frames for those SENDs
 * @param expectedDeliveries accepted messages times the receivers of their room still
 * connected at the end, plus the deliveries of those messages to receivers cut off
 * meanwhile, made before they were
 * @param receivedDeliveries deliveries of measured messages
 * @param deliveryRatio received over expected, as computed and never capped: above 1 only
 * when a message counted as refused was delivered all the same, a server bug to see
 * @param deliveriesPerSecond received over the measured time
 * @param p50 latency percentile, send to delivery
 * @param p90 latency percentile
 * @param p99 latency percentile
 * @param p999 latency percentile
 * @param max highest latency
 * @param clientCpu cores the load generator used
 * @param clientSaturated whether the load generator used more than 90 % of its cores, in
 * which case the row measures the client, not the server
 * @param serverCpu cores the server used
 * @param serverRssBytes the server's resident memory at the end
 * @param maxServerRssBytes the highest resident memory sampled every 250 ms
 * @param receiversCutOff receiving connections the server closed while measuring
 * @param quietAfterMillis overload only: how long after publishing stopped the server's
 * CPU fell below 0.05 cores, or {@code null} when not measured or not within 30 s
 * @param cluster cluster-fan-out only: the CPU of each instance and of the broker they
 * share, or {@code null}; {@code serverCpu} is then the instances' sum, and the memory
 * figures are the first instance's
 */
record StepResult(double offeredRate, StompConnector.ConnectionCounts connections, long published,
		Map<String, Long> refusals, long accepted, long receipts, long expectedDeliveries, long receivedDeliveries,
		double deliveryRatio, double deliveriesPerSecond, double p50, double p90, double p99, double p999, double max,
		double clientCpu, boolean clientSaturated, double serverCpu, long serverRssBytes, long maxServerRssBytes,
		long receiversCutOff, Long quietAfterMillis, ClusterCpu cluster) {

	StepResult(double offeredRate, StompConnector.ConnectionCounts connections, long published,
			Map<String, Long> refusals, long accepted, long receipts, long expectedDeliveries, long receivedDeliveries,
			double deliveryRatio, double deliveriesPerSecond, double p50, double p90, double p99, double p999,
			double max, double clientCpu, boolean clientSaturated, double serverCpu, long serverRssBytes,
			long maxServerRssBytes, long receiversCutOff, Long quietAfterMillis) {
		this(offeredRate, connections, published, refusals, accepted, receipts, expectedDeliveries, receivedDeliveries,
				deliveryRatio, deliveriesPerSecond, p50, p90, p99, p999, max, clientCpu, clientSaturated, serverCpu,
				serverRssBytes, maxServerRssBytes, receiversCutOff, quietAfterMillis, null);
	}

	long refused() {
		return this.refusals.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Each metric's median over the runs of one step; counts are rounded. */
	static StepResult median(List<StepResult> runs) {
		StompConnector.ConnectionCounts connections = new StompConnector.ConnectionCounts(
				(int) medianLong(runs, (run) -> run.connections().attempted()),
				(int) medianLong(runs, (run) -> run.connections().established()),
				(int) medianLong(runs, (run) -> run.connections().failed()));
		Map<String, Long> refusals = new TreeMap<>();
		new TreeSet<>(runs.stream().flatMap((run) -> run.refusals().keySet().stream()).toList())
			.forEach((code) -> refusals.put(code, medianLong(runs, (run) -> run.refusals().getOrDefault(code, 0L))));
		List<Long> quiet = runs.stream().map(StepResult::quietAfterMillis).filter((millis) -> millis != null).toList();
		return new StepResult(runs.get(0).offeredRate(), connections, medianLong(runs, StepResult::published), refusals,
				medianLong(runs, StepResult::accepted), medianLong(runs, StepResult::receipts),
				medianLong(runs, StepResult::expectedDeliveries), medianLong(runs, StepResult::receivedDeliveries),
				median(runs, StepResult::deliveryRatio), median(runs, StepResult::deliveriesPerSecond),
				median(runs, StepResult::p50), median(runs, StepResult::p90), median(runs, StepResult::p99),
				median(runs, StepResult::p999), median(runs, StepResult::max), median(runs, StepResult::clientCpu),
				runs.stream().filter(StepResult::clientSaturated).count() * 2 > runs.size(),
				median(runs, StepResult::serverCpu), medianLong(runs, StepResult::serverRssBytes),
				medianLong(runs, StepResult::maxServerRssBytes), medianLong(runs, StepResult::receiversCutOff),
				quiet.isEmpty() ? null : Math.round(median(quiet, Long::doubleValue)),
				ClusterCpu.median(runs.stream().map(StepResult::cluster).toList()));
	}

	static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
		double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static long medianLong(List<StepResult> runs, Function<StepResult, Number> metric) {
		return Math.round(median(runs, (run) -> metric.apply(run).doubleValue()));
	}

	/** The medians of several runs of the same steps, step by step. */
	static List<StepResult> medians(List<List<StepResult>> runs) {
		int steps = runs.stream().mapToInt(List::size).min().orElse(0);
		return IntStream.range(0, steps)
			.mapToObj((step) -> median(runs.stream().map((run) -> run.get(step)).toList()))
			.toList();
	}

	/**
	 * What a cluster's processes used while a step was measured.
	 *
	 * @param instanceCpu cores each instance used, in the order of {@code bench.url}
	 * @param brokerCpu cores the broker used
	 * @param brokerCpuMillisPerMessage the broker's CPU time over the step divided by the
	 * messages published in it, in milliseconds
	 */
	record ClusterCpu(List<Double> instanceCpu, double brokerCpu, double brokerCpuMillisPerMessage) {

		/** Each figure's median, or {@code null} when a run has none. */
		static ClusterCpu median(List<ClusterCpu> runs) {
			if (runs.isEmpty() || runs.contains(null)) {
				return null;
			}
			int instances = runs.stream().mapToInt((run) -> run.instanceCpu().size()).min().orElse(0);
			return new ClusterCpu(
					IntStream.range(0, instances)
						.mapToObj((i) -> StepResult.median(runs, (run) -> run.instanceCpu().get(i)))
						.toList(),
					StepResult.median(runs, ClusterCpu::brokerCpu),
					StepResult.median(runs, ClusterCpu::brokerCpuMillisPerMessage));
		}

	}

}
