package dev.stompchat.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints a benchmark's results as tables (every run, then the median when there were
 * several) and writes them as JSON, the input of {@link BenchmarkChart}.
 */
final class BenchmarkReport {

	private static final String ROW = "%9s %9s %8s %9s %11s %11s %7s %12s %8s %8s %8s %8s %8s %6s %4s %6s %7s %7s %7s %7s%n";

	private BenchmarkReport() {
	}

	static void print(BenchmarkOptions options, Results results, PrintStream out) {
		if (options.scenario() == Scenario.IDLE) {
			out.printf("%s, idle at %s: %d connections in rooms of %d, held %s%n", results.target(), options.url(),
					options.connections(), options.roomSize(), options.duration());
		}
		else {
			out.printf("%s, %s at %s, %s warm-up, %s measured per rate%n", results.target(),
					options.scenario().propertyValue(),
					options.urls().stream().map(Object::toString).collect(Collectors.joining(", ")), options.warmUp(),
					options.duration());
			if (options.scenario() == Scenario.CLUSTER_FAN_OUT) {
				out.printf("%d subscribers spread over %d instances in turn, publishers on the first%n",
						options.subscribers(), options.urls().size());
			}
		}
		for (int run = 0; run < results.runs().size(); run++) {
			out.printf("%nrun %d of %d%n", run + 1, results.runs().size());
			printSteps(results.runs().get(run), out);
		}
		if (results.runs().size() > 1) {
			out.printf("%nmedian of %d runs, metric by metric%n", results.runs().size());
			printSteps(results.median(), out);
		}
		for (int run = 0; run < results.idleRuns().size(); run++) {
			out.printf("%nrun %d of %d%n", run + 1, results.idleRuns().size());
			printIdle(results.idleRuns().get(run), out);
		}
		if (results.idleRuns().size() > 1) {
			out.printf("%nmedian of %d runs, metric by metric%n", results.idleRuns().size());
			printIdle(results.idleMedian(), out);
		}
	}

	private static void printSteps(List<StepResult> steps, PrintStream out) {
		if (!steps.isEmpty()) {
			StompConnector.ConnectionCounts connections = steps.get(0).connections();
			out.printf("connections: %d attempted, %d established, %d failed%n", connections.attempted(),
					connections.established(), connections.failed());
		}
		out.printf(ROW, "offered/s", "published", "refused", "receipts", "expected", "received", "ratio",
				"deliveries/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "client", "sat.", "server",
				"rss MB", "max MB", "cut off", "quiet s");
		for (StepResult step : steps) {
			out.printf(ROW, "%.0f".formatted(step.offeredRate()), step.published(), step.refused(), step.receipts(),
					step.expectedDeliveries(), step.receivedDeliveries(), "%.4f".formatted(step.deliveryRatio()),
					"%.0f".formatted(step.deliveriesPerSecond()), "%.1f".formatted(step.p50()),
					"%.1f".formatted(step.p90()), "%.1f".formatted(step.p99()), "%.1f".formatted(step.p999()),
					"%.1f".formatted(step.max()), "%.2f".formatted(step.clientCpu()),
					step.clientSaturated() ? "YES" : "no", "%.2f".formatted(step.serverCpu()),
					megabytes(step.serverRssBytes()), megabytes(step.maxServerRssBytes()), step.receiversCutOff(),
					(step.quietAfterMillis() != null) ? "%.2f".formatted(step.quietAfterMillis() / 1000.0) : "-");
		}
		for (StepResult step : steps) {
			if (step.cluster() != null) {
				out.printf(
						"cluster at %.0f/s: instances %s cores, broker %.3f cores, %.3f ms broker CPU per message "
								+ "published%n",
						step.offeredRate(),
						step.cluster().instanceCpu().stream().map("%.2f"::formatted).collect(Collectors.joining(" + ")),
						step.cluster().brokerCpu(), step.cluster().brokerCpuMillisPerMessage());
			}
		}
		for (StepResult step : steps) {
			if (!step.refusals().isEmpty()) {
				out.printf("refused at %.0f/s: %s%n", step.offeredRate(),
						step.refusals()
							.entrySet()
							.stream()
							.map((refusal) -> refusal.getKey() + " " + refusal.getValue())
							.collect(Collectors.joining(", ")));
			}
		}
	}

	private static void printIdle(IdleResult idle, PrintStream out) {
		out.printf("connections: %d attempted, %d established, %d failed, opened in %.1f s%n",
				idle.connections().attempted(), idle.connections().established(), idle.connections().failed(),
				idle.connectMillis() / 1000.0);
		out.printf("held %.1f s: %d closed by the server meanwhile; CPU client %.2f, server %.2f cores%n",
				idle.heldMillis() / 1000.0, idle.closedDuringHold(), idle.clientCpu(), idle.serverCpu());
		out.printf("server RSS: %d MB before, %d MB held, %s per connection%n", megabytes(idle.serverRssBefore()),
				megabytes(idle.serverRssHeld()), bytes(idle.rssPerConnection()));
		out.printf("server live heap: %s before, %s held, %s per connection%n",
				(idle.liveHeapBefore() != null) ? megabytes(idle.liveHeapBefore()) + " MB" : "not available",
				(idle.liveHeapHeld() != null) ? megabytes(idle.liveHeapHeld()) + " MB" : "not available",
				bytes(idle.heapPerConnection()));
	}

	private static long megabytes(long bytes) {
		return bytes / (1024 * 1024);
	}

	private static String bytes(Long bytes) {
		if (bytes == null) {
			return "not available";
		}
		return (Math.abs(bytes) < 10 * 1024) ? bytes + " bytes" : "%.1f KB".formatted(bytes / 1024.0);
	}

	static void writeJson(BenchmarkOptions options, Results results) throws IOException {
		Path file = Path.of(options.output());
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(file, json.writeValueAsString(new Report(options, results)));
	}

	/**
	 * Everything one benchmark command measured.
	 *
	 * @param target the server under test
	 * @param runs every run's steps (offered-rate scenarios)
	 * @param median each step's median over the runs (the only run when there was one)
	 * @param idleRuns every run's result (idle scenario)
	 * @param idleMedian the median over the idle runs
	 */
	record Results(String target, List<List<StepResult>> runs, List<StepResult> median, List<IdleResult> idleRuns,
			IdleResult idleMedian) {

		static Results ofSteps(String target, List<List<StepResult>> runs) {
			return new Results(target, runs, StepResult.medians(runs), List.of(), null);
		}

		static Results ofIdle(String target, List<IdleResult> runs) {
			return new Results(target, List.of(), List.of(), runs, IdleResult.median(runs));
		}

	}

	/** The JSON file: the options, then the results. */
	record Report(BenchmarkOptions options, Results results) {
	}

}
