package dev.stompchat.support;

import java.util.List;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.sockjs.client.RestClientXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

/**
 * The ways a client reaches the server: plain WebSocket on {@code /ws}, or SockJS on
 * {@code /sockjs} restricted to one transport.
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

	public WebSocketClient client() {
		return switch (this) {
			case WEBSOCKET -> webSocketClient();
			case SOCKJS_WEBSOCKET -> new SockJsClient(List.of(new WebSocketTransport(webSocketClient())));
			case SOCKJS_XHR_STREAMING -> new SockJsClient(List.of(new RestClientXhrTransport()));
			case SOCKJS_XHR_POLLING -> {
				RestClientXhrTransport polling = new RestClientXhrTransport();
				polling.setXhrStreamingDisabled(true);
				yield new SockJsClient(List.of(polling));
			}
		};
	}

	/** A WebSocket client whose buffers take a long history answer in one message. */
	private static StandardWebSocketClient webSocketClient() {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
		return new StandardWebSocketClient(container);
	}

}
