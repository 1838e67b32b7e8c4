package dev.stompchat.bench;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny fan-out run at four times the server's rate limit, so that most messages are
 * refused, warm-up and measured alike: each refusal and receipt must count in the step of
 * the message it answers, and the deliveries must match the accepted messages exactly.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.max-connections-per-address=1000", "chat.connection-rate-limit.burst=100000",
				"chat.connection-rate-limit.per-second=100000", "chat.rate-limit.messages-per-second=5",
				"chat.rate-limit.burst=5", "chat.rate-limit.max-rejections=100000" })
class BenchmarkRefusalSmokeTests {

	@LocalServerPort
	int port;

	@TempDir
	Path output;

	@Test
	void refusedMessagesCountInTheirOwnStepAndAreNotExpected() throws Exception {
		BenchmarkOptions options = BenchmarkOptions.from(Map.of("bench.url", "ws://localhost:" + this.port + "/ws",
				"bench.scenario", "fan-out", "bench.subscribers", "10", "bench.rates", "20", "bench.warm-up", "1s",
				"bench.duration", "2s", "bench.server-pid", Long.toString(ProcessHandle.current().pid()),
				"bench.output", this.output.resolve("results.json").toString()));

		BenchmarkReport.Results results = BenchmarkRun.run(options);

		assertThat(results.median()).singleElement().satisfies((result) -> {
			assertThat(result.published()).isBetween(36L, 44L);
			assertThat(result.refusals()).containsOnlyKeys("RATE_LIMITED");
			assertThat(result.refused()).isPositive();
			assertThat(result.accepted()).isPositive().isEqualTo(result.published() - result.refused());
			assertThat(result.receipts()).isEqualTo(result.accepted());
			assertThat(result.expectedDeliveries()).isEqualTo(result.accepted() * 10);
			assertThat(result.receivedDeliveries()).isEqualTo(result.expectedDeliveries());
			assertThat(result.deliveryRatio()).isEqualTo(1.0);
			assertThat(result.receiversCutOff()).isZero();
		});
	}

}
