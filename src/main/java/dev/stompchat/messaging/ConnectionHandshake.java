package dev.stompchat.messaging;

import java.net.InetSocketAddress;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.sockjs.transport.TransportType;

/**
 * Notes how a connection came in, for the {@link ConnectionLog}: its transport, the
 * client's address and when. Only the handshake's request knows them; the STOMP events
 * that the log listens to carry the session's attributes, where they are kept.
 */
final class ConnectionHandshake implements HandshakeInterceptor {

	/** For {@code /ws}. */
	static final ConnectionHandshake PLAIN_WEBSOCKET = new ConnectionHandshake(false);

	/**
	 * For {@code /sockjs}, whose interceptors run on the request that opens a SockJS
	 * session, {@code …/{server}/{session}/{transport}}.
	 */
	static final ConnectionHandshake SOCKJS = new ConnectionHandshake(true);

	private final boolean sockJs;

	private ConnectionHandshake(boolean sockJs) {
		this.sockJs = sockJs;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		String transport = this.sockJs ? sockJsTransport(request.getURI().getPath()) : "websocket";
		new LoggedConnection(transport, address(request.getRemoteAddress()), System.nanoTime()).keepIn(attributes);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
	}

	static String sockJsTransport(String path) {
		TransportType type = TransportType.fromValue(path.substring(path.lastIndexOf('/') + 1));
		if (type == null) {
			return "sockjs";
		}
		return switch (type) {
			case XHR -> "sockjs-xhr-polling";
			case XHR_STREAMING -> "sockjs-xhr-streaming";
			default -> "sockjs-" + type.value();
		};
	}

	static String address(@Nullable InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		String host = (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + remote.getPort();
	}

}
