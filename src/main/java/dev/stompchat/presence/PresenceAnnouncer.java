package dev.stompchat.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.stompchat.chat.MessageType;
import dev.stompchat.chat.RoomBroadcaster;
import dev.stompchat.chat.RoomName;
import dev.stompchat.system.ChatProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Announces arrivals and departures. In a room of up to
 * {@code chat.presence.coalesce-above} members each one is its own JOIN or LEAVE. In a
 * larger one they are gathered for {@code chat.presence.window} and announced as one
 * PRESENCE message naming who joined and who left, as Phoenix's {@code presence_diff}
 * does: announcing each of a thousand arrivals to everyone already there would cost half
 * a million deliveries. Someone who joins and leaves within one window is not announced
 * at all.
 * <p>
 * Once a room has gathered changes, every change goes into the gathering until it is
 * announced, so that announcements keep the order of the changes.
 */
@Component
class PresenceAnnouncer {

	private final RoomBroadcaster rooms;

	private final TaskScheduler scheduler;

	private final int coalesceAbove;

	private final Duration window;

	private final Map<RoomName, RoomChanges> changes = new HashMap<>();

	// Lazy: both need the broker, whose configuration needs the presence tracker.
	PresenceAnnouncer(@Lazy RoomBroadcaster rooms,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler, ChatProperties properties) {
		this.rooms = rooms;
		this.scheduler = scheduler;
		this.coalesceAbove = properties.presence().coalesceAbove();
		this.window = properties.presence().window();
	}

	synchronized void joined(RoomName room, String nickname) {
		RoomChanges changes = this.changes.computeIfAbsent(room, (key) -> new RoomChanges());
		changes.members++;
		if (!changes.gathering() && changes.members <= this.coalesceAbove) {
			this.rooms.announce(room, nickname, MessageType.JOIN);
			return;
		}
		if (!changes.left.remove(nickname)) {
			changes.joined.add(nickname);
		}
		gather(room, changes);
	}

	synchronized void left(RoomName room, String nickname) {
		RoomChanges changes = this.changes.get(room);
		if (changes == null) {
			return;
		}
		changes.members--;
		if (!changes.gathering() && changes.members < this.coalesceAbove) {
			this.rooms.announce(room, nickname, MessageType.LEAVE);
		}
		else {
			if (!changes.joined.remove(nickname)) {
				changes.left.add(nickname);
			}
			gather(room, changes);
		}
		forgetIfEmpty(room, changes);
	}

	private void gather(RoomName room, RoomChanges changes) {
		if (!changes.announcementScheduled) {
			changes.announcementScheduled = true;
			this.scheduler.schedule(() -> announce(room), Instant.now().plus(this.window));
		}
	}

	private synchronized void announce(RoomName room) {
		RoomChanges changes = this.changes.get(room);
		if (changes == null) {
			return;
		}
		changes.announcementScheduled = false;
		if (changes.gathering()) {
			this.rooms.announce(room, new ArrayList<>(changes.joined), new ArrayList<>(changes.left));
			changes.joined.clear();
			changes.left.clear();
		}
		forgetIfEmpty(room, changes);
	}

	private void forgetIfEmpty(RoomName room, RoomChanges changes) {
		if (changes.members <= 0 && !changes.gathering() && !changes.announcementScheduled) {
			this.changes.remove(room);
		}
	}

	/** A room's member count, and the changes gathered for its next announcement. */
	private static final class RoomChanges {

		private final Set<String> joined = new LinkedHashSet<>();

		private final Set<String> left = new LinkedHashSet<>();

		private int members;

		private boolean announcementScheduled;

		boolean gathering() {
			return !this.joined.isEmpty() || !this.left.isEmpty();
		}

	}

}
