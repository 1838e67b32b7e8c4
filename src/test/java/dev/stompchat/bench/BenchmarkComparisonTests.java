package dev.stompchat.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The comparison of one target's results with another's, read from the JSON files the
 * report writes.
 */
class BenchmarkComparisonTests {

	private static final StompConnector.ConnectionCounts CONNECTIONS = new StompConnector.ConnectionCounts(1001, 1001,
			0);

	@TempDir
	Path directory;

	@Test
	void fanOutGivesTheSustainedRatesAndTheRatiosAtEachComparedRate() throws Exception {
		Path stompChat = steps("stomp-chat", "fan-out",
				List.of(step(70, 0, 1.0, 70_000, 13.0, 0.63), step(90, 0, 1.0, 90_000, 20.0, 0.81),
						step(100, 0, 1.0, 100_000, 25.0, 0.87), step(125, 277, 1.0, 97_300, 258, 1.0)));
		Path baseline = steps("baseline", "fan-out",
				List.of(step(70, 0, 1.0, 70_000, 26.0, 0.84), step(90, 0, 0.9, 81_000, 3000, 1.0)));

		List<String> lines = compare(List.of(70.0, 90.0, 100.0), stompChat, baseline);

		assertThat(lines).contains("fan-out: stomp-chat (1 run) beside baseline (1 run); ratio = stomp-chat / other",
				"sustained (100 % of offered delivered, p99 <= 100 ms): stomp-chat 100,000 deliveries/s (offered 100/s);"
						+ " baseline 70,000 deliveries/s (offered 70/s)",
				"sustained ratio stomp-chat / baseline: 1.43");
		assertThat(row(lines, "70", "stomp-chat")).containsExactly("70", "stomp-chat", "100.0", "%", "0", "13.0",
				"0.63", "9.0", "1024", "-", "0.50", "no");
		assertThat(row(lines, "70", "baseline")).containsSubsequence("100.0", "%", "0", "26.0", "0.84", "12.0");
		assertThat(row(lines, "", "ratio stomp-chat / baseline")).containsExactly("ratio", "stomp-chat", "/",
				"baseline", "0.50", "0.75", "0.75");
		assertThat(row(lines, "90", "baseline")).containsSubsequence("90.0", "%", "0", "3000.0", "1.00", "12.3");
		assertThat(lines).anySatisfy((line) -> assertThat(line).matches("\\s+100\\s+baseline\\s+not measured"));
		assertThat(lines).noneSatisfy((line) -> assertThat(line).startsWith("      125"));
	}

	@Test
	void aRefusedMessageCountsAsNotDeliveredAndTheClientsSaturationIsFlagged() throws Exception {
		Path stompChat = steps("stomp-chat", "overload",
				List.of(new StepResult(300, CONNECTIONS, 3000, Map.of("OVERLOADED", 2000L), 1000, 1000, 1_000_000,
						1_000_000, 1.0, 100_000, 170, 250, 288, 310, 324, 0.95, true, 1.0, 900L << 20, 931L << 20, 0,
						500L)));
		Path baseline = steps("baseline", "overload", List.of(step(300, 0, 0.25, 75_000, 9000, 1.0)));

		List<String> lines = compare(List.of(), stompChat, baseline);

		assertThat(row(lines, "300", "stomp-chat")).containsExactly("300", "stomp-chat", "33.3", "%", "2000", "288.0",
				"1.00", "10.0", "931", "0.50", "0.95", "YES");
		assertThat(row(lines, "", "ratio stomp-chat / baseline")).containsSubsequence("0.03", "1.00", "0.75");
	}

	@Test
	void cpuPerDeliveryIsTheMedianOfEveryRunsOwn() throws Exception {
		Path file = runs("stomp-chat", List.of(List.of(step(50, 0, 1.0, 50_000, 10, 0.5)),
				List.of(step(50, 0, 1.0, 60_000, 10, 0.9)), List.of(step(50, 0, 1.0, 30_000, 10, 0.6))));

		BenchmarkComparison.Figures figures = BenchmarkComparison.read(file).at(50).orElseThrow();

		// 10, 15 and 20 µs: the median of the medians would say 0.6 / 50,000 = 12 µs
		assertThat(figures.cpuMicrosPerDelivery().getAsDouble()).isCloseTo(15.0, within(1e-9));
		assertThat(figures.median().serverCpu()).isEqualTo(0.6);
	}

	@Test
	void idleGivesTheMemoryPerConnectionAndItsRatio() throws Exception {
		Path stompChat = idle("stomp-chat", 32 * 1024L, 48 * 1024L);
		Path baseline = idle("baseline", 64 * 1024L, 96 * 1024L);
		Path rabbitmq = idle("rabbitmq", null, 200 * 1024L);

		List<String> lines = compare(List.of(), stompChat, baseline, rabbitmq);

		assertThat(row(lines, "stomp-chat")).containsExactly("stomp-chat", "19,000", "of", "19,000", "32.0", "KB",
				"48.0", "KB", "0.01", "0.05");
		assertThat(row(lines, "ratio", "stomp-chat", "/", "baseline")).containsExactly("ratio", "stomp-chat", "/",
				"baseline", "0.50", "0.50");
		assertThat(row(lines, "ratio", "stomp-chat", "/", "rabbitmq")).containsExactly("ratio", "stomp-chat", "/",
				"rabbitmq", "-", "0.24");
	}

	@Test
	void aScenarioOfOneTargetIsNotCompared() throws Exception {
		Path stompChat = steps("stomp-chat", "many-rooms", List.of(step(1000, 0, 1.0, 10_000, 2.0, 0.27)));

		assertThat(compare(List.of(), stompChat)).contains("many-rooms: only stomp-chat, nothing to compare it with");
	}

	@Test
	void ratioNeedsBothFiguresAndADenominatorAboveZero() {
		assertThat(BenchmarkComparison.ratio(3, 2)).hasValue(1.5);
		assertThat(BenchmarkComparison.ratio(3, 0)).isEmpty();
		assertThat(BenchmarkComparison.ratio(OptionalDouble.empty(), OptionalDouble.of(2))).isEmpty();
		assertThat(BenchmarkComparison.ratio(OptionalDouble.of(3), OptionalDouble.empty())).isEmpty();
		assertThat(BenchmarkComparison.cpuMicrosPerDelivery(step(200, 0, 0, 0, 0, 1.0))).isEmpty();
	}

	private List<String> compare(List<Double> rates, Path... files) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		BenchmarkComparison.print(List.of(files), rates, new PrintStream(bytes, true, StandardCharsets.UTF_8));
		return bytes.toString(StandardCharsets.UTF_8).lines().toList();
	}

	/** The words of the first line that starts with the given ones. */
	private static List<String> row(List<String> lines, String... start) {
		List<String> first = Arrays.stream(String.join(" ", start).trim().split("\\s+")).toList();
		return lines.stream()
			.map((line) -> List.of(line.trim().split("\\s+")))
			.filter((words) -> words.size() >= first.size() && words.subList(0, first.size()).equals(first))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No line starts with " + first + " in " + lines));
	}

	private static StepResult step(double rate, long refused, double deliveryRatio, double deliveriesPerSecond,
			double p99, double serverCpu) {
		long published = Math.round(rate * 10);
		long accepted = published - refused;
		return new StepResult(rate, CONNECTIONS, published, (refused > 0) ? Map.of("OVERLOADED", refused) : Map.of(),
				accepted, accepted, accepted * 1000, Math.round(deliveriesPerSecond * 10), deliveryRatio,
				deliveriesPerSecond, p99 / 2, p99 / 1.5, p99, p99 * 1.1, p99 * 1.2, 0.5, false, serverCpu, 1L << 30,
				1L << 30, 0, null);
	}

	private Path steps(String target, String scenario, List<StepResult> steps) throws Exception {
		return write(target, scenario, BenchmarkReport.Results.ofSteps(target, List.of(steps)));
	}

	private Path runs(String target, List<List<StepResult>> runs) throws Exception {
		return write(target, "fan-out", BenchmarkReport.Results.ofSteps(target, runs));
	}

	private Path idle(String target, Long heapPerConnection, long rssPerConnection) throws Exception {
		IdleResult idle = new IdleResult(new StompConnector.ConnectionCounts(19_000, 19_000, 0), 24_000, 30_000, 0,
				400L << 20, 1L << 30, rssPerConnection, (heapPerConnection != null) ? 50L << 20 : null,
				(heapPerConnection != null) ? 650L << 20 : null, heapPerConnection, 0.05, 0.01);
		return write(target, "idle", BenchmarkReport.Results.ofIdle(target, List.of(idle)));
	}

	private Path write(String target, String scenario, BenchmarkReport.Results results) throws Exception {
		Path file = this.directory.resolve(target + "-" + scenario + ".json");
		BenchmarkOptions options = BenchmarkOptions
			.from(Map.of("bench.output", file.toString(), "bench.scenario", scenario, "bench.target", target));
		BenchmarkReport.writeJson(options, results);
		return file;
	}

}
