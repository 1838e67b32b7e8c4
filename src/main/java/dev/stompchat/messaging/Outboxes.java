package dev.stompchat.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The {@link Outbox} of every open session, by session id: the
 * {@link ChatWebSocketHandler} opens and ends them, and both it and the
 * {@link FanOutBroker} queue frames in them.
 */
@Component
class Outboxes {

	private final Map<String, Outbox> bySession = new ConcurrentHashMap<>();

	void add(String sessionId, Outbox outbox) {
		this.bySession.put(sessionId, outbox);
	}

	@Nullable Outbox get(String sessionId) {
		return this.bySession.get(sessionId);
	}

	@Nullable Outbox remove(String sessionId) {
		return this.bySession.remove(sessionId);
	}

	Collection<Outbox> all() {
		return this.bySession.values();
	}

	int size() {
		return this.bySession.size();
	}

	/** Queues one subscriber's frame of a broadcast; dropped if the session has gone. */
	void offerFrame(String sessionId, byte[] frame) {
		Outbox outbox = this.bySession.get(sessionId);
		if (outbox != null) {
			outbox.offerFrame(frame);
		}
	}

}
