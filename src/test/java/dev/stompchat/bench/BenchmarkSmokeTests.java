package dev.stompchat.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiny runs of the benchmark scenarios against the real server, so that the tool keeps
 * working. They check what the tool reports, not how fast anything is.
 */
// as bench/compare does: every connection of the load generator comes from one address
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "chat.max-connections-per-address=1000",
		"chat.connection-rate-limit.burst=100000", "chat.connection-rate-limit.per-second=100000" })
class BenchmarkSmokeTests {

	@LocalServerPort
	int port;

	@TempDir
	Path output;

	@Test
	void fanOutDeliversEveryMessageToEverySubscriberAndReportsItsNumbers() throws Exception {
		BenchmarkOptions options = options("fan-out",
				Map.of("bench.subscribers", "10", "bench.rates", "5", "bench.warm-up", "0.5s", "bench.duration", "2s"));

		BenchmarkReport.Results results = BenchmarkRun.run(options);

		assertThat(results.median()).singleElement().satisfies((result) -> {
			assertThat(result.connections()).isEqualTo(new StompConnector.ConnectionCounts(11, 11, 0));
			assertThat(result.published()).isBetween(8L, 12L);
			assertThat(result.refusals()).isEmpty();
			assertThat(result.accepted()).isEqualTo(result.published());
			assertThat(result.receipts()).isEqualTo(result.published());
			assertThat(result.expectedDeliveries()).isEqualTo(result.published() * 10);
			assertThat(result.receivedDeliveries()).isEqualTo(result.expectedDeliveries());
			assertThat(result.deliveryRatio()).isEqualTo(1.0);
			assertThat(result.p50()).isPositive().isLessThanOrEqualTo(result.max());
			assertThat(result.serverRssBytes()).isPositive();
			assertThat(result.maxServerRssBytes()).isGreaterThanOrEqualTo(result.serverRssBytes());
			assertThat(result.receiversCutOff()).isZero();
			assertThat(result.quietAfterMillis()).isNull();
		});
		assertThat(printed(options, results)).contains("deliveries/s", "p99 ms", "1.0000", "run 1 of 1");
		BenchmarkReport.writeJson(options, results);
		assertThat(Files.readString(this.output.resolve("results.json"))).contains("\"deliveryRatio\" : 1.0");
	}

	@Test
	void manyRoomsDeliversEachMessageToEveryMemberOfItsRoom() throws Exception {
		BenchmarkOptions options = options("many-rooms", Map.of("bench.connections", "20", "bench.room-size", "5",
				"bench.per-connection-rate", "1", "bench.warm-up", "1s", "bench.duration", "2s"));

		BenchmarkReport.Results results = BenchmarkRun.run(options);

		assertThat(results.median()).singleElement().satisfies((result) -> {
			assertThat(result.offeredRate()).isEqualTo(20.0);
			assertThat(result.connections()).isEqualTo(new StompConnector.ConnectionCounts(20, 20, 0));
			assertThat(result.published()).isBetween(36L, 44L);
			assertThat(result.refusals()).isEmpty();
			assertThat(result.expectedDeliveries()).isEqualTo(result.published() * 5);
			assertThat(result.receivedDeliveries()).isEqualTo(result.expectedDeliveries());
			assertThat(result.deliveryRatio()).isEqualTo(1.0);
		});
	}

	@Test
	void idleHoldsEveryConnectionAndReportsWhatEachCosts() throws Exception {
		BenchmarkOptions options = options("idle",
				Map.of("bench.connections", "50", "bench.room-size", "5", "bench.duration", "1s"));

		BenchmarkReport.Results results = BenchmarkRun.run(options);

		assertThat(results.idleMedian()).satisfies((result) -> {
			assertThat(result.connections()).isEqualTo(new StompConnector.ConnectionCounts(50, 50, 0));
			assertThat(result.closedDuringHold()).isZero();
			assertThat(result.serverRssHeld()).isPositive();
			assertThat(result.rssPerConnection()).isNotNull();
			assertThat(result.liveHeapBefore()).isPositive();
			assertThat(result.liveHeapHeld()).isPositive();
			assertThat(result.heapPerConnection()).isNotNull();
		});
		assertThat(printed(options, results)).contains("50 established", "per connection")
			.doesNotContain("not available");
	}

	private BenchmarkOptions options(String scenario, Map<String, String> properties) {
		Map<String, String> bench = new HashMap<>(properties);
		bench.put("bench.url", "ws://localhost:" + this.port + "/ws");
		bench.put("bench.scenario", scenario);
		bench.put("bench.server-pid", Long.toString(ProcessHandle.current().pid()));
		bench.put("bench.output", this.output.resolve("results.json").toString());
		return BenchmarkOptions.from(bench);
	}

	private static String printed(BenchmarkOptions options, BenchmarkReport.Results results) {
		ByteArrayOutputStream table = new ByteArrayOutputStream();
		BenchmarkReport.print(options, results, new PrintStream(table, true, StandardCharsets.UTF_8));
		return table.toString(StandardCharsets.UTF_8);
	}

}
