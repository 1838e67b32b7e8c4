package dev.stompchat.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs a benchmark scenario against a server that is already running, when asked to:
 * {@code ./mvnw test -Dtest=BenchmarkRun -Dbench.url=ws://localhost:8080/ws -Dbench.scenario=fan-out};
 * or charts earlier results:
 * {@code ./mvnw test -Dtest=BenchmarkRun -Dbench.chart=a.json,b.json}; or compares them,
 * the first target against the others:
 * {@code ./mvnw test -Dtest=BenchmarkRun -Dbench.compare=a.json,b.json}. Not part of the
 * normal build: it measures, it does not test.
 */
class BenchmarkRun {

	private static final Duration BETWEEN_RUNS_GIVE_UP = Duration.ofMinutes(2);

	@Test
	@EnabledIfSystemProperty(named = "bench.url", matches = ".+")
	void scenario() throws Exception {
		BenchmarkOptions options = BenchmarkOptions.fromSystemProperties();
		BenchmarkReport.Results results = run(options);
		BenchmarkReport.print(options, results, System.out);
		BenchmarkReport.writeJson(options, results);
		System.out.println("results written to " + options.output());
	}

	@Test
	@EnabledIfSystemProperty(named = "bench.chart", matches = ".+")
	void chart() throws Exception {
		String png = System.getProperty("bench.chart-output", "target/bench/chart.png");
		List<String> arguments = new ArrayList<>(List.of(png));
		arguments.addAll(Arrays.stream(System.getProperty("bench.chart").split(",")).map(String::trim).toList());
		BenchmarkChart.main(arguments.toArray(String[]::new));
		System.out.println("chart written to " + Path.of(png));
	}

	@Test
	@EnabledIfSystemProperty(named = "bench.compare", matches = ".+")
	void compare() throws Exception {
		List<Path> files = Arrays.stream(System.getProperty("bench.compare").split(","))
			.map(String::trim)
			.filter((file) -> !file.isEmpty())
			.map(Path::of)
			.toList();
		String rates = System.getProperty("bench.compare-rates", "");
		BenchmarkComparison.print(files, rates.isBlank() ? BenchmarkComparison.DEFAULT_RATES
				: Arrays.stream(rates.split(",")).map(String::trim).map(Double::valueOf).toList(), System.out);
	}

	/** Runs the scenario {@code bench.runs} times. */
	static BenchmarkReport.Results run(BenchmarkOptions options) throws Exception {
		if (options.scenario() == Scenario.IDLE) {
			List<IdleResult> runs = new ArrayList<>();
			for (int run = 1; run <= options.runs(); run++) {
				runs.add(new IdleBenchmark(options, run).run());
			}
			return BenchmarkReport.Results.ofIdle(options.target(), runs);
		}
		List<List<StepResult>> runs = new ArrayList<>();
		for (int run = 1; run <= options.runs(); run++) {
			if (run > 1) {
				awaitQuiet(options);
			}
			runs.add(new OfferedRateBenchmark(options, run).run());
		}
		return BenchmarkReport.Results.ofSteps(options.target(), runs);
	}

	/**
	 * A server that fell behind in one run is still writing the frames it queued, to the
	 * connections just closed, when the next begins: the next run would measure that
	 * backlog, and bare Spring's, held in its heap, left no room for new connections.
	 */
	private static void awaitQuiet(BenchmarkOptions options) {
		for (ServerProcess server : options.serverPids().stream().map(ServerProcess::new).toList()) {
			if (server.isKnown() && server.millisUntilQuiet(BETWEEN_RUNS_GIVE_UP).isEmpty()) {
				System.out.println("process " + server.pid() + " still busy " + BETWEEN_RUNS_GIVE_UP.toSeconds()
						+ " s after the run before");
			}
		}
	}

}
