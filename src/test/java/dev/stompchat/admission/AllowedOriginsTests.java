package dev.stompchat.admission;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.Handshakes.HTTP;
import static dev.stompchat.support.Handshakes.sockJs;
import static dev.stompchat.support.Handshakes.webSocketHandshakeStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code chat.allowed-origins} set, pages of those origins may connect too, others
 * still may not, and SockJS's iframe transports are off.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "chat.allowed-origins=https://chat.example.org")
class AllowedOriginsTests {

	private static final String FORGED = "https://evil.example";

	private static final String ALLOWED = "https://chat.example.org";

	@LocalServerPort
	int port;

	@Test
	void allowedOriginMayConnect() {
		assertThat(webSocketHandshakeStatus(this.port, "/ws", ALLOWED)).isEqualTo(101);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET info", "GET websocket", "POST xhr", "POST xhr_streaming" })
	void allowedOriginMayUseSockJs(String request) throws Exception {
		assertThat(sockJs(this.port, request, ALLOWED)).isIn(101, 200);
	}

	@Test
	void otherOriginsAreStillForbidden() throws Exception {
		assertThat(webSocketHandshakeStatus(this.port, "/ws", FORGED)).isEqualTo(403);
		assertThat(sockJs(this.port, "POST xhr_streaming", FORGED)).isEqualTo(403);
	}

	@Test
	void iframeTransportsAreOffOnceAnotherOriginIsAllowed() throws Exception {
		HttpResponse<String> iframe = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/sockjs/iframe.html")).build(),
				BodyHandlers.ofString());

		assertThat(iframe.statusCode()).isEqualTo(404);
	}

}
