package dev.stompchat.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.stompchat.core.ChatProperties;

import org.springframework.messaging.simp.SimpMessageSendingOperations;

/**
 * A real {@link RoomBroadcaster} for unit tests of other packages, whose constructor is
 * the chat's own: it numbers messages in memory and publishes to the given broker (a
 * template over a recording channel, say), on a fixed clock, and is never overloaded.
 */
public final class RoomBroadcasters {

	/** The instant every message of a broadcaster made here is stamped with. */
	public static final Instant NOW = Instant.parse("2026-11-25T08:00:00.123Z");

	private RoomBroadcasters() {
	}

	public static RoomBroadcaster over(SimpMessageSendingOperations broker, ChatProperties properties,
			RoomMessageListener... listeners) {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		LocalRoomStream stream = new LocalRoomStream(new RoomDelivery(broker, List.of(listeners)), clock);
		return new RoomBroadcaster(stream, clock, () -> false, properties);
	}

}
