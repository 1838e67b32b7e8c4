package dev.stompchat.messaging;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.stompchat.core.Excerpt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpAttributes;
import org.springframework.messaging.simp.SimpAttributesContextHolder;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * One INFO line when a connection's CONNECT is accepted and one when the connection ends,
 * on the logger {@value #LOGGER}, so that operators can route or silence them: <pre>
 * Connection opened: session=… nickname=alice transport=websocket remote=127.0.0.1:51234
 * Connection closed: session=… nickname=alice transport=websocket remote=127.0.0.1:51234 duration=PT12.3S status=1000
 * </pre> A connection that never got that far (its CONNECT refused, or never sent) has a
 * closed line only, without a nickname. The pairs are also the line's SLF4J key-values,
 * which Spring Boot's structured formats ({@code logging.structured.format.console=ecs},
 * say) write as fields of their own.
 */
@Component
class ConnectionLog {

	static final String LOGGER = "dev.stompchat.connections";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	@EventListener
	void opened(SessionConnectedEvent event) {
		// The event's message, the broker's CONNECT_ACK, does not carry the session's
		// attributes; Spring holds them in SimpAttributesContextHolder while it
		// publishes.
		SimpAttributes attributes = SimpAttributesContextHolder.getAttributes();
		LoggedConnection connection = LoggedConnection.in(attributes);
		Principal user = event.getUser();
		if (attributes == null || connection == null || user == null || !connection.connectedAs(user.getName())) {
			return;
		}
		Map<String, @Nullable Object> pairs = new LinkedHashMap<>();
		pairs.put("session", attributes.getSessionId());
		pairs.put("nickname", user.getName());
		pairs.put("transport", connection.transport());
		pairs.put("remote", connection.remote());
		log("Connection opened", pairs);
	}

	/**
	 * Spring may publish the event more than once for a session; the first takes the
	 * connection out of the session's attributes, so that it is logged once.
	 */
	@EventListener
	void closed(SessionDisconnectEvent event) {
		long now = System.nanoTime();
		LoggedConnection connection = LoggedConnection
			.takeFrom(SimpMessageHeaderAccessor.getSessionAttributes(event.getMessage().getHeaders()));
		if (connection == null) {
			return;
		}
		Principal user = event.getUser();
		String nickname = connection.nickname();
		CloseStatus status = event.getCloseStatus();
		Map<String, @Nullable Object> pairs = new LinkedHashMap<>();
		pairs.put("session", event.getSessionId());
		pairs.put("nickname", (nickname != null || user == null) ? nickname : user.getName());
		pairs.put("transport", connection.transport());
		pairs.put("remote", connection.remote());
		pairs.put("duration", connection.durationUntil(now).toString());
		pairs.put("status", status.getCode());
		// a client may close with a reason of its own
		pairs.put("reason", (status.getReason() != null) ? Excerpt.of(status.getReason()) : null);
		log("Connection closed", pairs);
	}

	private static void log(String message, Map<String, @Nullable Object> pairs) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		LoggingEventBuilder line = logger.atInfo();
		StringBuilder text = new StringBuilder(message).append(':');
		for (Map.Entry<String, @Nullable Object> pair : pairs.entrySet()) {
			if (pair.getValue() != null) {
				line = line.addKeyValue(pair.getKey(), pair.getValue());
				text.append(' ').append(pair.getKey()).append('=').append(quotedIfNeeded(pair.getValue().toString()));
			}
		}
		line.log(text.toString());
	}

	/**
	 * A value as it can be read back from {@code key=value}: in quotes if it has spaces.
	 */
	static String quotedIfNeeded(String value) {
		if (!value.isEmpty() && value.chars().noneMatch((c) -> c == ' ' || c == '"' || c == '=' || c == '\\')) {
			return value;
		}
		return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
