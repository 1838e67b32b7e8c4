package dev.stompchat.history;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.stompchat.chat.ChatMessage;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.RoomName;
import dev.stompchat.presence.RoomPresence;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the last {@code chat.history.size} chat messages of at most
 * {@code chat.max-rooms} rooms in memory. A room with no members expires once it has been
 * quiet for {@code chat.history.idle-timeout}; past the room limit the least recently
 * used rooms go first. Whether a room has members is the {@link RoomPresence}'s to say,
 * which the stream feeds before this.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class InMemoryRoomHistory implements RoomHistory {

	private final int size;

	private final long maxAnswerBytes;

	private final Cache<String, RoomLog> rooms;

	InMemoryRoomHistory(ChatProperties properties, RoomPresence presence) {
		this.size = properties.history().size();
		this.maxAnswerBytes = properties.history().maxAnswerBytes().toBytes();
		this.rooms = Caffeine.newBuilder()
			.maximumSize(properties.maxRooms())
			.expireAfter(new IdleRoomExpiry(presence, properties.history().idleTimeout()))
			.build();
	}

	@Override
	public void onMessage(ChatMessage message) {
		// compute, not get-then-append, so that expiry restarts with every message
		this.rooms.asMap().compute(message.room(), (room, log) -> {
			RoomLog target = (log != null) ? log
					: new RoomLog(this.size, this.maxAnswerBytes, Long.parseLong(message.id()) - 1);
			target.append(message);
			return target;
		});
	}

	@Override
	public HistoryPage since(RoomName room, @Nullable String lastSeenId) {
		RoomLog log = this.rooms.getIfPresent(room.value());
		if (log == null) {
			return new HistoryPage(room.value(), List.of(), lastSeenId == null);
		}
		return log.since(room.value(), lastSeenId);
	}

	/** Rooms with members never expire; empty ones do once idle. */
	private record IdleRoomExpiry(RoomPresence presence, Duration idleTimeout) implements Expiry<String, RoomLog> {

		@Override
		public long expireAfterCreate(String room, RoomLog log, long currentTime) {
			return expireAfterUpdate(room, log, currentTime, 0);
		}

		@Override
		public long expireAfterUpdate(String room, RoomLog log, long currentTime, long currentDuration) {
			return (this.presence.memberCount(room) > 0) ? Long.MAX_VALUE : this.idleTimeout.toNanos();
		}

		@Override
		public long expireAfterRead(String room, RoomLog log, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
