package dev.stompchat.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny run of the fan-out benchmark (10 subscribers, 2 s) against the real server, so
 * that the tool keeps working. It checks what the tool reports, not how fast it is.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FanOutBenchmarkSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void benchmarkDeliversEveryMessageAndReportsItsNumbers(@TempDir Path output) throws Exception {
		BenchmarkOptions options = new BenchmarkOptions(URI.create("ws://localhost:" + this.port + "/ws"),
				"/topic/rooms.bench", "/app/rooms.bench.send", false, 10, 1, List.of(5), Duration.ofMillis(500),
				Duration.ofSeconds(2), Duration.ofSeconds(5), ProcessHandle.current().pid(),
				output.resolve("fan-out.json").toString());

		List<FanOutBenchmark.StepResult> results = new FanOutBenchmark(options).run();

		assertThat(results).singleElement().satisfies((result) -> {
			assertThat(result.connections().established()).isEqualTo(11);
			assertThat(result.published()).isBetween(8L, 12L);
			assertThat(result.expectedDeliveries()).isEqualTo(result.published() * 10);
			assertThat(result.receivedDeliveries()).isEqualTo(result.expectedDeliveries());
			assertThat(result.deliveryRatio()).isEqualTo(1.0);
			assertThat(result.p50()).isPositive().isLessThanOrEqualTo(result.max());
			assertThat(result.serverRssBytes()).isPositive();
			assertThat(result.errors()).isZero();
		});
		ByteArrayOutputStream table = new ByteArrayOutputStream();
		BenchmarkReport.print(options, results, new PrintStream(table, true, StandardCharsets.UTF_8));
		assertThat(table.toString(StandardCharsets.UTF_8)).contains("deliveries/s", "p99 ms", "1.0000");
		BenchmarkReport.writeJson(options, results);
		assertThat(Files.readString(output.resolve("fan-out.json"))).contains("\"deliveryRatio\" : 1.0");
	}

}
