package dev.stompchat.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.ConnectionsClosedOnShutdown;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * What an instance told to stop (SIGTERM) does first, so that its clients move to other
 * instances:
 * <ol>
 * <li>readiness goes OUT_OF_SERVICE and the instance keeps serving, chat included, for
 * {@code chat.shutdown.drain}, so that a load balancer stops sending new connections here
 * before the clients come back;
 * <li>every WebSocket and SockJS session is closed with 1001 (going away), each once the
 * frames already queued for it are written, so that its client reconnects, elsewhere.
 * Each ends as a closed socket does, so its nickname and its rooms' presence let go;
 * <li>{@link ConnectionsClosedOnShutdown} is published.
 * </ol>
 * Then the shutdown goes on as usual: the web server's graceful shutdown, then Spring's
 * STOMP components and the broker.
 */
@Component
class DrainingShutdown implements SmartLifecycle {

	/**
	 * Lifecycle beans stop from the highest phase down. Tomcat's graceful shutdown waits
	 * for requests only, and a WebSocket is no request, so it cuts every socket off (1006
	 * for the client) when the server stops; Spring's STOMP components, which would close
	 * them with 1001, stop later still, in phase 0. One phase above the graceful
	 * shutdown, the sessions are closed while the server and STOMP still work.
	 */
	static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;

	private static final Log logger = LogFactory.getLog(DrainingShutdown.class);

	private final ChatWebSocketHandler handler;

	private final ApplicationEventPublisher events;

	private final Duration drain;

	private final Duration closeTimeout;

	private volatile boolean running;

	DrainingShutdown(ChatWebSocketHandler handler, ApplicationEventPublisher events, ChatProperties properties) {
		this.handler = handler;
		this.events = events;
		this.drain = properties.shutdown().drain();
		// each close waits at most this long for its session's queue to be written
		this.closeTimeout = properties.sendTimeLimit().plusSeconds(1);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		// Boot publishes it too when the context closes; this holds whoever stops it
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		logger.info("Readiness is OUT_OF_SERVICE: closing " + this.handler.openSessions() + " connections in "
				+ this.drain.toMillis() + " ms");
		waitFor(this.drain);
		int open = this.handler.openSessions();
		awaitClosed(this.handler.closeAll(CloseStatus.GOING_AWAY));
		int stillOpen = this.handler.openSessions();
		logger.info("Closed " + open + " connections with 1001 (going away)"
				+ ((stillOpen > 0) ? "; " + stillOpen + " still open" : ""));
		this.events.publishEvent(new ConnectionsClosedOnShutdown(open, stillOpen));
	}

	private static void waitFor(Duration drain) {
		if (drain.isZero()) {
			return;
		}
		try {
			TimeUnit.MILLISECONDS.sleep(drain.toMillis());
		}
		catch (InterruptedException ex) {
			// told to hurry: close the sessions now
			Thread.currentThread().interrupt();
		}
	}

	private void awaitClosed(CompletableFuture<Void> closed) {
		try {
			closed.get(this.closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// the web server's shutdown ends what is left
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Not stopped when the context is only paused (as the test framework pauses the
	 * contexts it keeps): that is no shutdown, and the web server keeps running.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

}
