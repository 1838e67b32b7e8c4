package dev.stompchat.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Benchmark options from {@code bench.*} properties.
 */
class BenchmarkOptionsTests {

	@Test
	void defaultsAreFanOutToOneThousandSubscribersWithReceiptsAndHeartbeats() {
		BenchmarkOptions options = BenchmarkOptions.from(Map.of());

		assertThat(options.scenario()).isEqualTo(Scenario.FAN_OUT);
		assertThat(options.subscribers()).isEqualTo(1000);
		assertThat(options.receipts()).isTrue();
		assertThat(options.heartbeat()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.errorDestination()).isEqualTo("/user/queue/errors");
		assertThat(options.runs()).isEqualTo(1);
		assertThat(options.clientThreads()).isEqualTo(1);
		assertThat(options.output()).isEqualTo("target/bench/fan-out.json");
	}

	@Test
	void idleScenarioHoldsTwentyThousandConnectionsByDefault() {
		BenchmarkOptions options = BenchmarkOptions.from(Map.of("bench.scenario", "idle"));

		assertThat(options.connections()).isEqualTo(20_000);
		assertThat(options.output()).isEqualTo("target/bench/idle.json");
	}

	@Test
	void roomPlaceholderIsFilledInBothDestinations() {
		BenchmarkOptions options = BenchmarkOptions.from(Map.of("bench.heartbeat", "0"));

		assertThat(options.subscribeDestination("bench-3")).isEqualTo("/topic/rooms.bench-3");
		assertThat(options.sendDestination("bench-3")).isEqualTo("/app/rooms.bench-3.send");
		assertThat(options.heartbeat()).isZero();
	}

	@Test
	void remoteServerIsRefusedUnlessAllowed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.from(Map.of("bench.url", "ws://192.0.2.1:8080/ws")))
			.withMessageContaining("bench.allow-remote=true");
		assertThat(BenchmarkOptions.from(Map.of("bench.url", "ws://192.0.2.1:8080/ws", "bench.allow-remote", "true"))
			.url()).hasHost("192.0.2.1");
	}

	@Test
	void clusterFanOutTakesSeveralUrlsAndPids() {
		BenchmarkOptions options = BenchmarkOptions.from(Map.of("bench.scenario", "cluster-fan-out", "bench.url",
				"ws://localhost:8090/ws, ws://localhost:8091/ws", "bench.server-pid", "11,12", "bench.broker-pid",
				"13"));

		assertThat(options.scenario()).isEqualTo(Scenario.CLUSTER_FAN_OUT);
		assertThat(options.urls()).extracting(URI::getPort).containsExactly(8090, 8091);
		assertThat(options.url()).isEqualTo(options.urls().get(0));
		assertThat(options.serverPids()).containsExactly(11L, 12L);
		assertThat(options.serverPid()).isEqualTo(11);
		assertThat(options.brokerPid()).isEqualTo(13);
		assertThat(options.output()).isEqualTo("target/bench/cluster-fan-out.json");
	}

	@Test
	void clusterFanOutNeedsTwoUrlsAndOnlyItTakesSeveral() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.from(Map.of("bench.scenario", "cluster-fan-out")))
			.withMessageContaining("at least two instances");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> BenchmarkOptions.from(Map.of("bench.url", "ws://localhost:8090/ws,ws://localhost:8091/ws")))
			.withMessageContaining("Only cluster-fan-out");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.from(Map.of("bench.scenario",
				"cluster-fan-out", "bench.url", "ws://localhost:8090/ws,ws://192.0.2.1:8091/ws")))
			.withMessageContaining("bench.allow-remote=true");
	}

	@Test
	void singleServerHasOnePidAndNoBroker() {
		BenchmarkOptions options = BenchmarkOptions.from(Map.of("bench.server-pid", "42"));

		assertThat(options.urls()).containsExactly(options.url());
		assertThat(options.serverPids()).containsExactly(42L);
		assertThat(options.brokerPid()).isZero();
	}

	@Test
	void unknownScenarioIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.from(Map.of("bench.scenario", "storm")))
			.withMessageContaining("fan-out, many-rooms, idle, overload or cluster-fan-out");
	}

}
