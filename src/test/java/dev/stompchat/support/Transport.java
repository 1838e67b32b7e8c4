package dev.stompchat.support;

import java.net.http.HttpClient;
import java.util.List;
import javax.net.ssl.SSLContext;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.sockjs.client.RestClientXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

/**
 * The ways a client reaches the server: plain WebSocket on {@code /ws}, or SockJS on
 * {@code /sockjs} restricted to one transport; in the clear or over TLS.
 */
public enum Transport {

	WEBSOCKET("/ws"), SOCKJS_WEBSOCKET("/sockjs"), SOCKJS_XHR_STREAMING("/sockjs"), SOCKJS_XHR_POLLING("/sockjs");

	private final String path;

	Transport(String path) {
		this.path = path;
	}

	public String url(int port) {
		return "ws://localhost:" + port + this.path;
	}

	/** The URL over TLS; SockJS makes its HTTP requests to the same place over https. */
	public String secureUrl(int port) {
		return "wss://localhost:" + port + this.path;
	}

	public WebSocketClient client() {
		return client((SSLContext) null);
	}

	/**
	 * A client that trusts the certificates the SSL context trusts, for wss and https.
	 */
	public WebSocketClient client(@Nullable SSLContext sslContext) {
		StandardWebSocketClient webSocket = webSocketClient();
		webSocket.setSslContext(sslContext);
		return switch (this) {
			case WEBSOCKET -> webSocket;
			case SOCKJS_WEBSOCKET -> sockJs(new WebSocketTransport(webSocket), xhr(sslContext));
			case SOCKJS_XHR_STREAMING -> {
				RestClientXhrTransport streaming = xhr(sslContext);
				yield sockJs(streaming, streaming);
			}
			case SOCKJS_XHR_POLLING -> {
				RestClientXhrTransport polling = xhr(sslContext);
				polling.setXhrStreamingDisabled(true);
				yield sockJs(polling, polling);
			}
		};
	}

	private static SockJsClient sockJs(org.springframework.web.socket.sockjs.client.Transport transport,
			RestClientXhrTransport infoReceiver) {
		SockJsClient client = new SockJsClient(List.of(transport));
		// the /info request goes over HTTP(S) whatever the transport, so it must trust
		// the certificate too
		client.setInfoReceiver(infoReceiver);
		return client;
	}

	private static RestClientXhrTransport xhr(@Nullable SSLContext sslContext) {
		if (sslContext == null) {
			return new RestClientXhrTransport();
		}
		HttpClient http = HttpClient.newBuilder().sslContext(sslContext).build();
		return new RestClientXhrTransport(
				RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(http)).build());
	}

	/**
	 * A WebSocket client whose buffers take a long history answer, and a long room
	 * broadcast (a binary message), in one message. Explicitly so for binary messages
	 * too: the server in the same JVM makes Tomcat's default buffers small.
	 */
	private static StandardWebSocketClient webSocketClient() {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
		container.setDefaultMaxBinaryMessageBufferSize(1024 * 1024);
		return new StandardWebSocketClient(container);
	}

}
