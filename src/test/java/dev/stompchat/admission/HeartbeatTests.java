package dev.stompchat.admission;

import dev.stompchat.support.RawStompSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heart-beats keep live connections known to be alive and let the server drop dead ones.
 * A one-second interval keeps the test short.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.heartbeat=1s")
class HeartbeatTests {

	@LocalServerPort
	int port;

	@Test
	void serverSendsHeartbeatsAtTheNegotiatedInterval() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:listener\nheart-beat:0,1000\n\n\0");

			assertThat(socket.nextFrame()).startsWith("CONNECTED\n").contains("\nheart-beat:1000,1000\n");
			socket.awaitHeartbeat();
			socket.awaitHeartbeat();
		}
	}

	@Test
	void connectionThatPromisesHeartbeatsAndFallsSilentIsClosed() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:ghost\nheart-beat:1000,0\n\n\0");
			assertThat(socket.nextFrame()).startsWith("CONNECTED\n").contains("\nheart-beat:1000,1000\n");

			assertThat(socket.awaitClose()).isNotNull();
		}
	}

}
