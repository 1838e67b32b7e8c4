package dev.stompchat.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpSubscription;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.SessionConnectedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's side of the browsers' connections: lets a test wait until a person has
 * joined a room, and cut a person off as a server restart would. It remembers every open
 * WebSocket or SockJS session and the nickname connected on it.
 */
class ServerConnections implements WebSocketMessageBrokerConfigurer, ApplicationListener<SessionConnectedEvent> {

	// the registry is built by the configuration that this configurer is part of
	private final ObjectProvider<SimpUserRegistry> users;

	private final Map<String, WebSocketSession> openSessions = new ConcurrentHashMap<>();

	// STOMP session id (the WebSocket session's id) to nickname
	private final Map<String, String> nicknames = new ConcurrentHashMap<>();

	ServerConnections(ObjectProvider<SimpUserRegistry> users) {
		this.users = users;
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(Recorder::new);
	}

	@Override
	public void onApplicationEvent(SessionConnectedEvent event) {
		String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
		if (sessionId != null && event.getUser() != null) {
			this.nicknames.put(sessionId, event.getUser().getName());
		}
	}

	/**
	 * Wait until the server has registered the person's subscription to the room, so that
	 * a message sent from now on reaches them. A page says "Connected" just before it
	 * subscribes.
	 */
	void awaitJoined(String nickname, String room) {
		String topic = "/topic/rooms." + room;
		await().atMost(ChatPage.TIMEOUT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			SimpUser user = this.users.getObject().getUser(nickname);
			assertThat(user).as("connected user " + nickname).isNotNull();
			assertThat(user.getSessions()).flatMap(SimpSession::getSubscriptions)
				.extracting(SimpSubscription::getDestination)
				.as(nickname + "'s subscriptions")
				.contains(topic);
		});
	}

	/**
	 * The paths of the nickname's open connections: for SockJS, the request that opened
	 * the session, whose last segment names the transport ({@code eventsource},
	 * {@code htmlfile}, {@code xhr}, {@code xhr_streaming}, {@code websocket}).
	 */
	List<String> connectionPathsOf(String nickname) {
		return this.openSessions.values()
			.stream()
			.filter((session) -> nickname.equals(this.nicknames.get(session.getId())))
			.map((session) -> (session.getUri() != null) ? session.getUri().getPath() : "")
			.toList();
	}

	/**
	 * Close every open connection of this nickname with 1012 (service restart).
	 * @return how many were closed
	 */
	int dropConnectionsOf(String nickname) {
		return close(this.openSessions.values()
			.stream()
			.filter((session) -> nickname.equals(this.nicknames.get(session.getId())))
			.toList());
	}

	/**
	 * Close every connection still open, such as the SockJS sessions of browsers that
	 * have quit, which the server would otherwise keep for a few seconds.
	 */
	void dropAll() {
		close(List.copyOf(this.openSessions.values()));
	}

	private static int close(List<WebSocketSession> sessions) {
		for (WebSocketSession session : sessions) {
			try {
				session.close(CloseStatus.SERVICE_RESTARTED);
			}
			catch (IOException | IllegalStateException ex) {
				// already failing, as when the browser that held an HTTP transport has
				// quit: the connection ends either way
			}
		}
		return sessions.size();
	}

	private final class Recorder extends WebSocketHandlerDecorator {

		Recorder(WebSocketHandler delegate) {
			super(delegate);
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			ServerConnections.this.openSessions.put(session.getId(), session);
			super.afterConnectionEstablished(session);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
			ServerConnections.this.openSessions.remove(session.getId());
			ServerConnections.this.nicknames.remove(session.getId());
			super.afterConnectionClosed(session, closeStatus);
		}

	}

}
