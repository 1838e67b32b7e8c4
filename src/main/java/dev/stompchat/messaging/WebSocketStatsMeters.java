package dev.stompchat.messaging;

import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.WebSocketMessageBrokerStats;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's own counts of WebSocket sessions and STOMP frames, from
 * {@link WebSocketMessageBrokerStats}, as meters: Spring Boot binds the channels'
 * executors but not these.
 * <ul>
 * <li>{@code chat.websocket.sessions}, open sessions by {@code type}: {@code webSocket}
 * (plain, or SockJS over WebSocket), {@code httpStreaming} and {@code httpPolling}
 * (SockJS over HTTP);
 * <li>{@code chat.websocket.sessions.opened}, sessions opened in all;
 * <li>{@code chat.websocket.sessions.closed}, sessions Spring ended, by {@code reason}:
 * {@code limitExceeded} (send-time or buffer limit), {@code noMessagesReceived} (nothing
 * within a minute of opening) and {@code transportError};
 * <li>{@code chat.stomp.frames}, CONNECT, CONNECTED and DISCONNECT frames by
 * {@code command}.
 * </ul>
 */
@Component
class WebSocketStatsMeters implements MeterBinder {

	private final WebSocketMessageBrokerStats stats;

	WebSocketStatsMeters(WebSocketMessageBrokerStats stats) {
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		openSessions(registry, "webSocket", SubProtocolWebSocketHandler.Stats::getWebSocketSessions);
		openSessions(registry, "httpStreaming", SubProtocolWebSocketHandler.Stats::getHttpStreamingSessions);
		openSessions(registry, "httpPolling", SubProtocolWebSocketHandler.Stats::getHttpPollingSessions);
		FunctionCounter
			.builder("chat.websocket.sessions.opened", this,
					(meters) -> meters.sessions(SubProtocolWebSocketHandler.Stats::getTotalSessions))
			.description("WebSocket and SockJS sessions opened")
			.register(registry);
		closedSessions(registry, "limitExceeded", SubProtocolWebSocketHandler.Stats::getLimitExceededSessions);
		closedSessions(registry, "noMessagesReceived",
				SubProtocolWebSocketHandler.Stats::getNoMessagesReceivedSessions);
		closedSessions(registry, "transportError", SubProtocolWebSocketHandler.Stats::getTransportErrorSessions);
		stompFrames(registry, "connect", StompSubProtocolHandler.Stats::getTotalConnect);
		stompFrames(registry, "connected", StompSubProtocolHandler.Stats::getTotalConnected);
		stompFrames(registry, "disconnect", StompSubProtocolHandler.Stats::getTotalDisconnect);
	}

	private void openSessions(MeterRegistry registry, String type,
			ToIntFunction<SubProtocolWebSocketHandler.Stats> count) {
		Gauge.builder("chat.websocket.sessions", this, (meters) -> meters.sessions(count))
			.description("WebSocket and SockJS sessions open")
			.tag("type", type)
			.register(registry);
	}

	private void closedSessions(MeterRegistry registry, String reason,
			ToIntFunction<SubProtocolWebSocketHandler.Stats> count) {
		FunctionCounter.builder("chat.websocket.sessions.closed", this, (meters) -> meters.sessions(count))
			.description("WebSocket and SockJS sessions that Spring ended")
			.tag("reason", reason)
			.register(registry);
	}

	private void stompFrames(MeterRegistry registry, String command,
			ToIntFunction<StompSubProtocolHandler.Stats> count) {
		FunctionCounter.builder("chat.stomp.frames", this, (meters) -> meters.frames(count))
			.description("STOMP frames of the connection's lifecycle, sent and received")
			.tag("command", command)
			.register(registry);
	}

	private double sessions(ToIntFunction<SubProtocolWebSocketHandler.Stats> count) {
		SubProtocolWebSocketHandler.Stats sessions = this.stats.getWebSocketSessionStats();
		return (sessions != null) ? count.applyAsInt(sessions) : Double.NaN;
	}

	private double frames(ToIntFunction<StompSubProtocolHandler.Stats> count) {
		StompSubProtocolHandler.Stats frames = this.stats.getStompSubProtocolStats();
		return (frames != null) ? count.applyAsInt(frames) : Double.NaN;
	}

}
