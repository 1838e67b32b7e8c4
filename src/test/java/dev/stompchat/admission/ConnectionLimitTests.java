package dev.stompchat.admission;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.stompchat.support.Handshakes;
import dev.stompchat.support.RawStompSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.Handshakes.HTTP;
import static dev.stompchat.support.Handshakes.ownOrigin;
import static dev.stompchat.support.Handshakes.sockJs;
import static dev.stompchat.support.Handshakes.webSocketHandshakeStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limit on connections per client address (3 here; every test client comes from
 * 127.0.0.1), counted at the handshake, SockJS sessions included.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.max-connections-per-address=3")
class ConnectionLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	ConnectionLimiter limiter;

	final List<RawStompSocket> sockets = new ArrayList<>();

	final List<WebSocket> webSockets = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (RawStompSocket socket : this.sockets) {
			socket.close();
		}
		this.webSockets.forEach(WebSocket::abort);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.limiter.connections() == 0);
	}

	@Test
	void connectionOverTheLimitPerAddressIsRefusedWith429AndAReason() throws Exception {
		open(3);

		assertThat(webSocketHandshakeStatus(this.port, "/ws", ownOrigin(this.port))).isEqualTo(429);
		HttpResponse<String> refusal = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/ws")).build(),
				BodyHandlers.ofString());
		assertThat(refusal.statusCode()).isEqualTo(429);
		assertThat(refusal.body()).isEqualTo("Too many connections from your address: at most 3.");
	}

	@Test
	void sockJsSessionsCountToo() throws Exception {
		open(3);

		assertThat(sockJs(this.port, "POST xhr_streaming", ownOrigin(this.port))).isEqualTo(429);
		assertThat(sockJs(this.port, "GET websocket", ownOrigin(this.port))).isEqualTo(429);
	}

	@Test
	void sockJsXhrSessionsThatNeverSendConnectCountToo() throws Exception {
		List<String> sessions = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String session = "/sockjs/000/" + UUID.randomUUID().toString().substring(0, 8);
			HttpResponse<String> opened = sockJsPost(session + "/xhr", "");
			assertThat(opened.statusCode()).isEqualTo(200);
			assertThat(opened.body()).isEqualTo("o\n");
			sessions.add(session);
		}

		HttpResponse<String> refusal = sockJsPost(
				"/sockjs/000/" + UUID.randomUUID().toString().substring(0, 8) + "/xhr", "");
		assertThat(refusal.statusCode()).isEqualTo(429);
		assertThat(refusal.body()).isEqualTo("Too many connections from your address: at most 3.");
		assertThat(webSocketHandshakeStatus(this.port, "/ws", ownOrigin(this.port))).isEqualTo(429);

		// a frame before CONNECT ends a session at once: its slot is free before the next
		// test
		for (String session : sessions) {
			assertThat(sockJsPost(session + "/xhr_send", "[\"SEND\\ndestination:/app/x\\n\\n\\u0000\"]").statusCode())
				.isEqualTo(204);
		}
	}

	@Test
	void closedConnectionFreesItsSlot() throws Exception {
		open(3);
		this.sockets.remove(0).close();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			RawStompSocket socket = RawStompSocket.connectAs(this.port, "late");
			this.sockets.add(socket);
		});
	}

	@Test
	void refusedHandshakesDoNotHoldSlots() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(webSocketHandshakeStatus(this.port, "/ws", "https://evil.example")).isEqualTo(403);
		}

		open(3);
	}

	@Test
	void burstOfHandshakesFromOneAddressGetsNoMoreThanTheLimit() throws Exception {
		ExecutorService burst = Executors.newFixedThreadPool(12);
		try {
			List<Callable<Integer>> handshakes = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				handshakes.add(() -> webSocketHandshakeStatusKeepingConnection());
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> status : burst.invokeAll(handshakes)) {
				statuses.add(status.get());
			}

			assertThat(statuses).filteredOn((status) -> status == 101).hasSize(3);
			assertThat(statuses).filteredOn((status) -> status == 429).hasSize(9);
		}
		finally {
			burst.shutdown();
		}
	}

	private int webSocketHandshakeStatusKeepingConnection() {
		Handshakes.Outcome outcome = Handshakes.webSocket(this.port, "/ws", ownOrigin(this.port));
		if (outcome.webSocket() != null) {
			this.webSockets.add(outcome.webSocket());
		}
		return outcome.status();
	}

	private HttpResponse<String> sockJsPost(String path, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Origin", ownOrigin(this.port))
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private void open(int count) throws Exception {
		for (int i = 0; i < count; i++) {
			this.sockets.add(RawStompSocket.connectAs(this.port, "holder" + i));
		}
	}

}
