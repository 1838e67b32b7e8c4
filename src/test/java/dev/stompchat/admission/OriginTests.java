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
import static dev.stompchat.support.Handshakes.ownOrigin;
import static dev.stompchat.support.Handshakes.sockJs;
import static dev.stompchat.support.Handshakes.webSocketHandshakeStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes from pages of other origins are refused with 403 on every endpoint and
 * SockJS transport; the page's own origin is let in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OriginTests {

	private static final String FORGED = "https://evil.example";

	@LocalServerPort
	int port;

	@Test
	void webSocketHandshakeFromAnotherOriginIsForbidden() {
		assertThat(webSocketHandshakeStatus(this.port, "/ws", FORGED)).isEqualTo(403);
	}

	@Test
	void webSocketHandshakeFromThePagesOwnOriginIsAccepted() {
		assertThat(webSocketHandshakeStatus(this.port, "/ws", ownOrigin(this.port))).isEqualTo(101);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET info", "GET websocket", "POST xhr", "POST xhr_streaming", "GET eventsource",
			"GET htmlfile?c=callback" })
	void everySockJsTransportRefusesAnotherOrigin(String request) throws Exception {
		assertThat(sockJs(this.port, request, FORGED)).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET info", "GET websocket", "POST xhr", "POST xhr_streaming", "GET eventsource",
			"GET htmlfile?c=callback" })
	void everySockJsTransportAcceptsThePagesOwnOrigin(String request) throws Exception {
		assertThat(sockJs(this.port, request, ownOrigin(this.port))).isIn(101, 200);
	}

	@Test
	void iframeTransportPageIsServedForTheSameOriginOnly() throws Exception {
		HttpResponse<String> iframe = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/sockjs/iframe.html")).build(),
				BodyHandlers.ofString());

		assertThat(iframe.statusCode()).isEqualTo(200);
		assertThat(iframe.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
	}

}
