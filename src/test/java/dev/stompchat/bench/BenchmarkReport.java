package dev.stompchat.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints a benchmark's results as a table and writes them as JSON.
 */
final class BenchmarkReport {

	private static final String ROW = "%8s %9s %11s %11s %7s %12s %8s %8s %8s %8s %8s %7s %5s %7s %9s %6s%n";

	private BenchmarkReport() {
	}

	static void print(BenchmarkOptions options, List<FanOutBenchmark.StepResult> results, PrintStream out) {
		FanOutBenchmark.ConnectionCounts connections = results.isEmpty() ? null : results.get(0).connections();
		out.printf("fan-out to %s: %d subscribers, %d publishers, %s warm-up, %s measured per rate%n", options.url(),
				options.subscribers(), options.publishers(), options.warmUp(), options.duration());
		if (connections != null) {
			out.printf("connections: %d attempted, %d established, %d failed%n", connections.attempted(),
					connections.established(), connections.failed());
		}
		out.printf(ROW, "rate/s", "published", "expected", "received", "ratio", "deliveries/s", "p50 ms", "p90 ms",
				"p99 ms", "p99.9 ms", "max ms", "client", "sat.", "server", "rss MB", "errors");
		for (FanOutBenchmark.StepResult result : results) {
			out.printf(ROW, result.offeredRate(), result.published(), result.expectedDeliveries(),
					result.receivedDeliveries(), "%.4f".formatted(result.deliveryRatio()),
					"%.0f".formatted(result.deliveriesPerSecond()), "%.1f".formatted(result.p50()),
					"%.1f".formatted(result.p90()), "%.1f".formatted(result.p99()), "%.1f".formatted(result.p999()),
					"%.1f".formatted(result.max()), "%.2f".formatted(result.clientCpu()),
					result.clientSaturated() ? "YES" : "no", "%.2f".formatted(result.serverCpu()),
					result.serverRssBytes() / (1024 * 1024), result.errors());
		}
	}

	static void writeJson(BenchmarkOptions options, List<FanOutBenchmark.StepResult> results) throws IOException {
		Path file = Path.of(options.output());
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(file, json.writeValueAsString(new Run(options, results)));
	}

	record Run(BenchmarkOptions options, List<FanOutBenchmark.StepResult> results) {
	}

}
