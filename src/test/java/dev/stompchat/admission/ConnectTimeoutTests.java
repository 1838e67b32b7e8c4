package dev.stompchat.admission;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static dev.stompchat.support.Handshakes.HTTP;
import static dev.stompchat.support.Handshakes.ownOrigin;
import static dev.stompchat.support.Handshakes.webSocketHandshakeStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection must send CONNECT within {@code chat.connect-timeout} (1 s here), or it is
 * closed with 1008 and a reason, and its connection slot is free again (3 per address
 * here; every test client comes from 127.0.0.1).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.connect-timeout=1s", "chat.max-connections-per-address=3" })
@ExtendWith(OutputCaptureExtension.class)
class ConnectTimeoutTests {

	private static final String REASON = "No CONNECT frame within 1 s: the connection was closed.";

	@LocalServerPort
	int port;

	@Autowired
	ConnectionLimiter limiter;

	@AfterEach
	void everySlotIsFree() {
		await().atMost(StompTestClient.TIMEOUT).until(() -> this.limiter.connections() == 0);
	}

	@Test
	void webSocketThatSendsNoConnectIsClosedWithPolicyViolation(CapturedOutput output) throws Exception {
		try (RawStompSocket silent = RawStompSocket.open(this.port)) {
			CloseStatus status = silent.awaitClose();

			assertThat(status.getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
			assertThat(status.getReason()).isEqualTo(REASON);
		}
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.singleElement()
			.asString()
			.contains("sent no CONNECT frame within 1 s");
		assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
	}

	@Test
	void connectThatHasNotFullyArrivedDoesNotCount() throws Exception {
		try (RawStompSocket slow = RawStompSocket.open(this.port)) {
			slow.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:slow\n");

			CloseStatus status = slow.awaitClose();
			assertThat(status.getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
			assertThat(status.getReason()).isEqualTo(REASON);
		}
	}

	@Test
	void sockJsSessionOverWebSocketThatSendsNoConnectIsClosed() throws Exception {
		try (RawStompSocket silent = RawStompSocket.openSockJs(this.port)) {
			CloseStatus status = silent.awaitClose();

			assertThat(status.getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
			assertThat(status.getReason()).isEqualTo(REASON);
		}
	}

	@Test
	void sockJsXhrSessionThatSendsNoConnectIsClosed() throws Exception {
		URI xhr = URI.create("http://localhost:" + this.port + "/sockjs/000/"
				+ UUID.randomUUID().toString().substring(0, 8) + "/xhr");

		assertThat(poll(xhr).body()).isEqualTo("o\n");
		// the next poll waits for what the server has to say next: here, the close
		assertThat(poll(xhr).body()).isEqualTo("c[1008,\"" + REASON + "\"]\n");
	}

	@Test
	void silentConnectionsHoldTheirSlotsOnlyUntilTheyAreClosed() throws Exception {
		List<RawStompSocket> silent = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				silent.add(RawStompSocket.open(this.port));
			}
			assertThat(webSocketHandshakeStatus(this.port, "/ws", ownOrigin(this.port))).isEqualTo(429);

			for (RawStompSocket socket : silent) {
				assertThat(socket.awaitClose().getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
			}
			// the server frees a slot once its side of the close is done, which may be
			// after the client's
			await().atMost(StompTestClient.TIMEOUT)
				.ignoreExceptions()
				.untilAsserted(() -> RawStompSocket.connectAs(this.port, "newcomer").close());
		}
		finally {
			for (RawStompSocket socket : silent) {
				socket.close();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void connectionThatSendsConnectInTimeStaysOpen(Transport transport) {
		try (StompTestClient client = StompTestClient.connect(this.port, transport, "prompt")) {
			await().during(Duration.ofMillis(1500)).atMost(StompTestClient.TIMEOUT).until(client::isConnected);

			client.awaitProcessed();
			assertThat(client.isConnected()).isTrue();
		}
	}

	private HttpResponse<String> poll(URI xhr) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(xhr)
			.header("Origin", ownOrigin(this.port))
			.timeout(StompTestClient.TIMEOUT)
			.POST(BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = HTTP.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

}
