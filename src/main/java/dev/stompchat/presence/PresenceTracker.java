package dev.stompchat.presence;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.RoomName;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Tells the {@link PresenceAnnouncer} when a nickname's first subscription to a room's
 * topic starts and when its last one ends, by UNSUBSCRIBE, DISCONNECT, a closed socket or
 * a missed heart-beat. Several tabs of one nickname count once. What it keeps is which
 * connection holds which subscription, the connections' state; who is a member of a room
 * is the {@link RoomPresence}'s, once announced.
 * <p>
 * It watches the inbound channel and acts once the broker has handled a frame, so a
 * newcomer's own subscription is in place when its JOIN goes out and it sees that JOIN
 * too. Frames the guards refused never get that far. Announcing under the tracker's lock
 * keeps a nickname's JOIN and LEAVE in the order its subscriptions came and went.
 * <p>
 * A departure waits {@code chat.presence.leave-grace} before it is announced, and a
 * nickname that comes back within it is announced neither as leaving nor as joining
 * again: a reload or a reconnect, or someone reconnecting in a loop, is invisible to the
 * room.
 */
@Component
public class PresenceTracker implements ExecutorChannelInterceptor {

	private final PresenceAnnouncer announcer;

	/** session id → subscription id → the room and nickname subscribed */
	private final Map<String, Map<String, Presence>> sessions = new HashMap<>();

	/** room and nickname → how many subscriptions they have there */
	private final Map<Presence, Integer> subscriptionCounts = new HashMap<>();

	/** room and nickname → their departure, waiting for the grace to pass */
	private final Map<Presence, PendingLeave> pendingLeaves = new HashMap<>();

	private final TaskScheduler scheduler;

	private final Duration leaveGrace;

	// Lazy: the scheduler belongs to the broker, whose configuration needs this tracker.
	PresenceTracker(PresenceAnnouncer announcer, @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
			ChatProperties properties) {
		this.announcer = announcer;
		this.scheduler = scheduler;
		this.leaveGrace = properties.presence().leaveGrace();
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (!(handler instanceof AbstractBrokerMessageHandler) || ex != null) {
			return;
		}
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
		SimpMessageType type = headers.getMessageType();
		if (type == SimpMessageType.SUBSCRIBE) {
			subscribed(headers.getSessionId(), headers.getSubscriptionId(), headers.getDestination(),
					headers.getUser());
		}
		else if (type == SimpMessageType.UNSUBSCRIBE) {
			unsubscribed(headers.getSessionId(), headers.getSubscriptionId());
		}
		else if (type == SimpMessageType.DISCONNECT) {
			disconnected(headers.getSessionId());
		}
	}

	/**
	 * Forget every connection's subscriptions without announcing anything, for when the
	 * rooms have already been told that all of them ended (the other instances wrote this
	 * one off): their clients' next subscriptions are arrivals again.
	 */
	public synchronized void forgetAll() {
		this.pendingLeaves.values().forEach(PendingLeave::cancel);
		this.pendingLeaves.clear();
		this.subscriptionCounts.clear();
		this.sessions.clear();
	}

	private void subscribed(String sessionId, String subscriptionId, String destination, Principal user) {
		RoomName room = RoomName.ofTopic(destination);
		if (user == null || room == null) {
			return;
		}
		Presence presence = new Presence(room, user.getName());
		synchronized (this) {
			Presence previous = this.sessions.computeIfAbsent(sessionId, (id) -> new HashMap<>())
				.putIfAbsent(subscriptionId, presence);
			if (previous == null && this.subscriptionCounts.merge(presence, 1, Integer::sum) == 1) {
				PendingLeave cameBack = this.pendingLeaves.remove(presence);
				if (cameBack != null) {
					cameBack.cancel();
				}
				else {
					this.announcer.joined(presence.room(), presence.nickname());
				}
			}
		}
	}

	private synchronized void unsubscribed(String sessionId, String subscriptionId) {
		Map<String, Presence> subscriptions = this.sessions.get(sessionId);
		if (subscriptions != null) {
			end(subscriptions.remove(subscriptionId));
			if (subscriptions.isEmpty()) {
				this.sessions.remove(sessionId);
			}
		}
	}

	private synchronized void disconnected(String sessionId) {
		Map<String, Presence> subscriptions = this.sessions.remove(sessionId);
		if (subscriptions != null) {
			subscriptions.values().forEach(this::end);
		}
	}

	private void end(Presence presence) {
		if (presence == null) {
			return;
		}
		Integer remaining = this.subscriptionCounts.computeIfPresent(presence,
				(key, count) -> (count > 1) ? count - 1 : null);
		if (remaining == null) {
			if (this.leaveGrace.isZero()) {
				this.announcer.left(presence.room(), presence.nickname());
				return;
			}
			PendingLeave pending = new PendingLeave();
			this.pendingLeaves.put(presence, pending);
			pending.task = this.scheduler.schedule(() -> leaveUnlessBack(presence, pending),
					Instant.now().plus(this.leaveGrace));
		}
	}

	private synchronized void leaveUnlessBack(Presence presence, PendingLeave pending) {
		if (this.pendingLeaves.remove(presence, pending)) {
			this.announcer.left(presence.room(), presence.nickname());
		}
	}

	/** A departure to announce once the grace has passed, unless the nickname is back. */
	private static final class PendingLeave {

		private @Nullable ScheduledFuture<?> task;

		void cancel() {
			if (this.task != null) {
				this.task.cancel(false);
			}
		}

	}

	private record Presence(RoomName room, String nickname) {
	}

}
