package dev.stompchat.admission;

import dev.stompchat.support.RawStompSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.Handshakes.ownOrigin;
import static dev.stompchat.support.Handshakes.sockJs;
import static dev.stompchat.support.Handshakes.webSocketHandshakeStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit on connections in all (2 here), refused with 503 once reached.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.max-connections=2")
class ServerConnectionLimitTests {

	@LocalServerPort
	int port;

	@Test
	void connectionOverTheServersLimitIsRefusedWith503() throws Exception {
		try (RawStompSocket first = RawStompSocket.connectAs(this.port, "first");
				RawStompSocket second = RawStompSocket.connectAs(this.port, "second")) {

			assertThat(webSocketHandshakeStatus(this.port, "/ws", ownOrigin(this.port))).isEqualTo(503);
			assertThat(sockJs(this.port, "POST xhr", ownOrigin(this.port))).isEqualTo(503);
		}
	}

}
