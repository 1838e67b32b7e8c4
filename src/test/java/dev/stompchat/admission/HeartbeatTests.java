package dev.stompchat.admission;

import java.time.Duration;

import dev.stompchat.support.RawStompSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heart-beats keep live connections known to be alive and let the server drop dead ones.
 * A one-second interval keeps the test short.
 * <p>
 * STOMP 1.2 negotiates each direction on its own: CONNECTED carries the server's offer
 * ({@code chat.heartbeat} both ways), and each side then sends at the larger of what it
 * offered and what the other side asked, and gives up on the other side after some
 * multiple of the interval it was promised (Spring's simple broker: three).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.heartbeat=1s")
class HeartbeatTests {

	private static final String CONNECT = "CONNECT\naccept-version:1.2\nhost:localhost\n";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "1000,1000", "0,1000", "1000,0", "0,0", "5000,5000" })
	void connectedOffersTheConfiguredIntervalInBothDirectionsWhateverTheClientAsks(String asked) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send(CONNECT + "nickname:asker-" + asked.replace(',', '-') + "\nheart-beat:" + asked + "\n\n\0");

			assertThat(socket.nextFrame()).startsWith("CONNECTED\n").contains("\nheart-beat:1000,1000\n");
		}
	}

	@Test
	void heartbeatsArriveAtTheNegotiatedIntervalAndAClientThatAnswersStaysConnected() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send(CONNECT + "nickname:listener\nheart-beat:1000,1000\n\n\0");
			assertThat(socket.nextFrame()).startsWith("CONNECTED\n").contains("\nheart-beat:1000,1000\n");
			socket.send("SUBSCRIBE\nid:errors\ndestination:/user/queue/errors\n\n\0");

			// one a second: about five in five seconds, with room for a busy machine; the
			// window is longer than the three seconds after which a silent client is
			// dropped, so answering each one keeps the connection open
			int heartbeats = socket.heartbeatsWithin(Duration.ofSeconds(5), true);

			assertThat(heartbeats).isBetween(3, 7);
			socket.send("SUBSCRIBE\nid:probe\ndestination:/app/no-such-thing\n\n\0");
			assertThat(socket.nextFrame()).as("still connected")
				.startsWith("MESSAGE\n")
				.contains("UNKNOWN_DESTINATION");
		}
	}

	@Test
	void aClientThatPromisedHeartbeatsAndFallsSilentIsClosedWithProtocolError() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			long connected = System.nanoTime();
			socket.send(CONNECT + "nickname:ghost\nheart-beat:1000,0\n\n\0");
			assertThat(socket.nextFrame()).startsWith("CONNECTED\n").contains("\nheart-beat:1000,1000\n");

			CloseStatus status = socket.awaitClose();
			Duration silence = Duration.ofNanos(System.nanoTime() - connected);

			// Spring's simple broker gives up after three promised intervals without a
			// frame or heart-beat and sends a DISCONNECT_ACK that answers no DISCONNECT;
			// Spring's STOMP handler turns it into an ERROR frame "Session closed." and,
			// as after every ERROR frame, closes the WebSocket with 1002 (protocol
			// error): not the normal close (1000) of a client that said DISCONNECT
			assertThat(status.getCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR.getCode());
			assertThat(silence).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
			assertThat(socket.framesLeft()).singleElement()
				.asString()
				.startsWith("ERROR\n")
				.contains("\nmessage:Session closed.\n");
		}
	}

}
