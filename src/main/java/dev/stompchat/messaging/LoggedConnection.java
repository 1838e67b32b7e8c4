package dev.stompchat.messaging;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.SimpAttributes;

/**
 * What the {@link ConnectionLog} knows of one connection, kept in its session attributes
 * from the handshake until the connection is logged as closed.
 */
final class LoggedConnection {

	private static final String ATTRIBUTE = LoggedConnection.class.getName();

	private final String transport;

	private final String remote;

	private final long openedAtNanos;

	private final AtomicReference<@Nullable String> nickname = new AtomicReference<>();

	LoggedConnection(String transport, String remote, long openedAtNanos) {
		this.transport = transport;
		this.remote = remote;
		this.openedAtNanos = openedAtNanos;
	}

	void keepIn(Map<String, Object> attributes) {
		attributes.put(ATTRIBUTE, this);
	}

	static @Nullable LoggedConnection in(@Nullable SimpAttributes attributes) {
		return (attributes != null && attributes.getAttribute(ATTRIBUTE) instanceof LoggedConnection connection)
				? connection : null;
	}

	/**
	 * Takes the connection out of its session attributes, so that only the first of
	 * several calls for one session finds it.
	 */
	static @Nullable LoggedConnection takeFrom(@Nullable Map<String, Object> attributes) {
		return (attributes != null && attributes.remove(ATTRIBUTE) instanceof LoggedConnection connection) ? connection
				: null;
	}

	/** Whether this is the first time the connection is told its nickname. */
	boolean connectedAs(String nickname) {
		return this.nickname.compareAndSet(null, nickname);
	}

	String transport() {
		return this.transport;
	}

	String remote() {
		return this.remote;
	}

	@Nullable String nickname() {
		return this.nickname.get();
	}

	Duration durationUntil(long nanos) {
		return Duration.ofNanos(nanos - this.openedAtNanos).truncatedTo(ChronoUnit.MILLIS);
	}

}
