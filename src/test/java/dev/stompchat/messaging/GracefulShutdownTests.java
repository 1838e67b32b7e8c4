package dev.stompchat.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.stompchat.StompChatApplication;
import dev.stompchat.core.ConnectionsClosedOnShutdown;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.StompTestClient.Closed;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static dev.stompchat.support.StompTestClient.TIMEOUT;
import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an instance does when it is told to stop: readiness goes OUT_OF_SERVICE while it
 * keeps serving for {@code chat.shutdown.drain}, then every client is sent away with 1001
 * (going away), then the shutdown goes on. Each test starts an application of its own, so
 * that it can close it.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	private static final Duration DRAIN = Duration.ofMillis(1500);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<StompTestClient> clients = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext context;

	@AfterEach
	void closeEverything() {
		this.clients.forEach(StompTestClient::close);
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void duringTheDrainReadinessIsOutOfServiceAndChatGoesOnThenEveryClientIsSentAwayWithGoingAway(CapturedOutput output)
			throws Exception {
		int port = start("--chat.shutdown.drain=" + DRAIN.toMillis() + "ms");
		StompTestClient alice = connect(port, Transport.WEBSOCKET, "alice");
		StompTestClient bob = connect(port, Transport.SOCKJS_WEBSOCKET, "bob");
		StompTestClient carol = connect(port, Transport.SOCKJS_XHR_STREAMING, "carol");
		alice.join("lobby");
		BlockingQueue<JsonNode> atBob = bob.join("lobby");
		BlockingQueue<JsonNode> atCarol = carol.join("lobby");
		assertThat(readiness(port).statusCode()).isEqualTo(200);

		long stopping = System.nanoTime();
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(this.context::close);

		await().atMost(DRAIN).pollInterval(Duration.ofMillis(10)).until(() -> readiness(port).statusCode() == 503);
		assertThat(JSON.readTree(readiness(port).body()).get("status").asString()).isEqualTo("OUT_OF_SERVICE");
		assertThat(this.clients).as("connections during the drain").noneMatch(StompTestClient::isClosed);
		assertThat(alice.sayWithReceipt("lobby", "Still here", "r-1").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
			.isEqualTo("r-1");
		assertThat(next(atBob).get("text").asString()).isEqualTo("Still here");
		assertThat(next(atCarol).get("text").asString()).isEqualTo("Still here");
		assertThat(this.clients).as("connections after chatting in the drain").noneMatch(StompTestClient::isClosed);

		for (StompTestClient client : this.clients) {
			Closed closed = client.awaitClosed();
			assertThat(closed.status().getCode()).isEqualTo(CloseStatus.GOING_AWAY.getCode());
			assertThat(Duration.ofNanos(closed.nanoTime() - stopping)).as("closed after").isGreaterThanOrEqualTo(DRAIN);
		}
		stopped.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.events).as("events in order")
			.startsWith("readiness REFUSING_TRAFFIC")
			.containsSubsequence("disconnect 1001", "disconnect 1001", "disconnect 1001", "connections closed 3, 0")
			.containsOnlyOnce("connections closed 3, 0");
		assertThat(this.events.indexOf("connections closed 3, 0")).isEqualTo(this.events.size() - 1);
		assertThat(output).as("log").doesNotContain(" ERROR ", " WARN ", "Exception");
	}

	@Test
	void withoutADrainClientsAreSentAwayAtOnce(CapturedOutput output) throws Exception {
		int port = start("--chat.shutdown.drain=0");
		StompTestClient alice = connect(port, Transport.WEBSOCKET, "alice");
		alice.join("lobby");

		long stopping = System.nanoTime();
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(this.context::close);

		Closed closed = alice.awaitClosed();
		assertThat(closed.status().getCode()).isEqualTo(CloseStatus.GOING_AWAY.getCode());
		assertThat(Duration.ofNanos(closed.nanoTime() - stopping)).as("closed after, with no drain first")
			.isLessThan(Duration.ofSeconds(1));
		stopped.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.events).containsSubsequence("disconnect 1001", "connections closed 1, 0");
		assertThat(output).as("log").doesNotContain(" ERROR ", " WARN ", "Exception");
	}

	private int start(String... args) {
		this.context = new SpringApplicationBuilder(StompChatApplication.class).main(StompChatApplication.class)
			.listeners(new EventRecorder())
			.run(concat("--server.port=0", args));
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static String[] concat(String first, String... rest) {
		String[] all = new String[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	private StompTestClient connect(int port, Transport transport, String nickname) {
		StompTestClient client = StompTestClient.connect(port, transport, nickname);
		this.clients.add(client);
		return client;
	}

	private HttpResponse<String> readiness(int port) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

	/** Writes down the events that tell the shutdown's steps, in their order. */
	private final class EventRecorder implements ApplicationListener<ApplicationEvent> {

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof AvailabilityChangeEvent<?> change
					&& change.getState() == ReadinessState.REFUSING_TRAFFIC) {
				record("readiness " + change.getState());
			}
			else if (event instanceof SessionDisconnectEvent disconnect) {
				record("disconnect " + disconnect.getCloseStatus().getCode());
			}
			else if (event instanceof PayloadApplicationEvent<?> payload
					&& payload.getPayload() instanceof ConnectionsClosedOnShutdown closed) {
				record("connections closed " + closed.closed() + ", " + closed.stillOpen());
			}
		}

		private void record(String event) {
			GracefulShutdownTests.this.events.add(event);
		}

	}

}
