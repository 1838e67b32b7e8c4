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
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.RoomName;

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
 * announced, so that announcements keep the order of the changes. A room's size is what
 * the {@link RoomPresence} holds, with the changes gathered for it.
 */
@Component
class PresenceAnnouncer {

	private final RoomBroadcaster rooms;

	private final RoomPresence presence;

	private final TaskScheduler scheduler;

	private final int coalesceAbove;

	private final Duration window;

	private final Map<RoomName, RoomChanges> changes = new HashMap<>();

	// Lazy: both need the broker, whose configuration needs the presence tracker.
	PresenceAnnouncer(@Lazy RoomBroadcaster rooms, RoomPresence presence,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler, ChatProperties properties) {
		this.rooms = rooms;
		this.presence = presence;
		this.scheduler = scheduler;
		this.coalesceAbove = properties.presence().coalesceAbove();
		this.window = properties.presence().window();
	}

	synchronized void joined(RoomName room, String nickname) {
		RoomChanges changes = this.changes.computeIfAbsent(room, (key) -> new RoomChanges());
		if (!changes.gathering() && membersOnceAnnounced(room, changes) + 1 <= this.coalesceAbove) {
			this.rooms.announce(room, nickname, MessageType.JOIN);
		}
		else {
			if (!changes.left.remove(nickname)) {
				changes.joined.add(nickname);
			}
			gather(room, changes);
		}
		forgetIfIdle(room, changes);
	}

	synchronized void left(RoomName room, String nickname) {
		RoomChanges changes = this.changes.computeIfAbsent(room, (key) -> new RoomChanges());
		if (!changes.gathering() && membersOnceAnnounced(room, changes) - 1 < this.coalesceAbove) {
			this.rooms.announce(room, nickname, MessageType.LEAVE);
		}
		else {
			if (!changes.joined.remove(nickname)) {
				changes.left.add(nickname);
			}
			gather(room, changes);
		}
		forgetIfIdle(room, changes);
	}

	/** The room's members as announced so far, with the changes gathered for it. */
	private int membersOnceAnnounced(RoomName room, RoomChanges changes) {
		return this.presence.memberCount(room.value()) + changes.joined.size() - changes.left.size();
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
		forgetIfIdle(room, changes);
	}

	private void forgetIfIdle(RoomName room, RoomChanges changes) {
		if (!changes.gathering() && !changes.announcementScheduled) {
			this.changes.remove(room);
		}
	}

	/** The changes gathered for a room's next announcement. */
	private static final class RoomChanges {

		private final Set<String> joined = new LinkedHashSet<>();

		private final Set<String> left = new LinkedHashSet<>();

		private boolean announcementScheduled;

		boolean gathering() {
			return !this.joined.isEmpty() || !this.left.isEmpty();
		}

	}

}
