package dev.stompchat.admission;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.stompchat.support.Handshakes;
import dev.stompchat.support.StompTestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often one address may open connections, WebSocket handshakes and new SockJS
 * sessions alike: a burst of 5, then 1 a second here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.connection-rate-limit.burst=5", "chat.connection-rate-limit.per-second=1" })
class ConnectionRateLimitTests {

	@LocalServerPort
	int port;

	@Test
	void newConnectionsPastTheRateAreRefusedWith429UntilTheBucketRefills() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			statuses.add(Handshakes.webSocketHandshakeStatus(this.port, "/ws", Handshakes.ownOrigin(this.port)));
		}
		HttpResponse<String> refused = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			HttpResponse<String> session = newSockJsSession();
			statuses.add(session.statusCode());
			if (session.statusCode() == 429) {
				refused = session;
			}
		}

		assertThat(statuses).startsWith(101, 101, 101, 200, 200).contains(429);
		assertThat(refused.body()).isEqualTo(
				"Too many new connections from your address: at most 1 a second (bursts of 5). Try again in a moment.");
		Awaitility.await()
			.atMost(StompTestClient.TIMEOUT)
			.until(() -> Handshakes.webSocketHandshakeStatus(this.port, "/ws", Handshakes.ownOrigin(this.port)) == 101);
		HttpResponse<String> health = Handshakes.HTTP.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				BodyHandlers.ofString());
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	private HttpResponse<String> newSockJsSession() throws Exception {
		URI uri = URI.create("http://localhost:" + this.port + "/sockjs/000/"
				+ UUID.randomUUID().toString().substring(0, 8) + "/xhr");
		return Handshakes.HTTP.send(HttpRequest.newBuilder(uri)
			.header("Origin", Handshakes.ownOrigin(this.port))
			.POST(BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());
	}

}
