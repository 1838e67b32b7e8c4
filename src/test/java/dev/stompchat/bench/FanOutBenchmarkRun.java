package dev.stompchat.bench;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the fan-out benchmark against a server that is already running, when asked to:
 * {@code ./mvnw test -Dtest=FanOutBenchmarkRun -Dbench.url=ws://localhost:8080/ws}.
 * Not part of the normal build: it measures, it does not test.
 */
@EnabledIfSystemProperty(named = "bench.url", matches = ".+")
class FanOutBenchmarkRun {

	@Test
	void fanOut() throws Exception {
		BenchmarkOptions options = BenchmarkOptions.fromSystemProperties();
		List<FanOutBenchmark.StepResult> results = new FanOutBenchmark(options).run();
		BenchmarkReport.print(options, results, System.out);
		BenchmarkReport.writeJson(options, results);
	}

}
