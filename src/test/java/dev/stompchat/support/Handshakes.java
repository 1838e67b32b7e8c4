package dev.stompchat.support;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Handshakes as a browser page would start them, with an {@code Origin} header, reduced
 * to the status the server answers.
 */
public final class Handshakes {

	public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Handshakes() {
	}

	public static String ownOrigin(int port) {
		return "http://localhost:" + port;
	}

	/** The status of a WebSocket handshake: 101 when accepted. */
	public static int webSocketHandshakeStatus(int port, String path, String origin) {
		Outcome outcome = webSocket(port, path, origin);
		if (outcome.webSocket() != null) {
			outcome.webSocket().abort();
		}
		return outcome.status();
	}

	/** Try a WebSocket handshake; an accepted one stays open. */
	public static Outcome webSocket(int port, String path, String origin) {
		try {
			WebSocket webSocket = HTTP.newWebSocketBuilder()
				.header("Origin", origin)
				.buildAsync(URI.create("ws://localhost:" + port + path), new WebSocket.Listener() {
				})
				.get(10, TimeUnit.SECONDS);
			return new Outcome(101, webSocket);
		}
		catch (Exception ex) {
			Throwable cause = ex;
			while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
				cause = cause.getCause();
			}
			if (cause instanceof WebSocketHandshakeException handshake) {
				return new Outcome(handshake.getResponse().statusCode(), null);
			}
			throw new IllegalStateException(ex);
		}
	}

	/** How a handshake ended: the status, and the WebSocket when it was accepted. */
	public record Outcome(int status, WebSocket webSocket) {
	}

	/** The status of a SockJS request ({@code "METHOD transport"}) for a new session. */
	public static int sockJs(int port, String request, String origin) throws Exception {
		String[] parts = request.split(" ");
		if (parts[1].equals("info")) {
			return get(URI.create("http://localhost:" + port + "/sockjs/info"), origin);
		}
		String session = "/sockjs/000/" + UUID.randomUUID().toString().substring(0, 8) + "/";
		if (parts[1].equals("websocket")) {
			return webSocketHandshakeStatus(port, session + "websocket", origin);
		}
		URI uri = URI.create("http://localhost:" + port + session + parts[1]);
		if (parts[0].equals("GET")) {
			return get(uri, origin);
		}
		HttpRequest post = HttpRequest.newBuilder(uri).header("Origin", origin).POST(BodyPublishers.noBody()).build();
		return statusOf(HTTP.send(post, BodyHandlers.ofInputStream()));
	}

	private static int get(URI uri, String origin) throws Exception {
		return statusOf(
				HTTP.send(HttpRequest.newBuilder(uri).header("Origin", origin).build(), BodyHandlers.ofInputStream()));
	}

	private static int statusOf(HttpResponse<InputStream> response) throws Exception {
		// streaming transports keep the response open: the status is all that is needed
		response.body().close();
		return response.statusCode();
	}

}
