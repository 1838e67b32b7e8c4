package dev.stompchat.chat;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.stompchat.system.ChatProperties;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * The one path every chat message takes: validate, stamp with sender, clock and id, then
 * publish to the room's topic.
 * <p>Stamping and publishing happen under a lock per room, so ids rise in the order the
 * broker receives the messages and every subscriber of a room sees one order. Locks are
 * striped by room name so that memory does not grow with the number of rooms people
 * make up.
 */
@Service
public class RoomBroadcaster {

	private static final int LOCK_STRIPES = 64;

	private final SimpMessageSendingOperations broker;

	private final Clock clock;

	private final int maxTextLength;

	private final AtomicLong sequence = new AtomicLong();

	private final Object[] locks = new Object[LOCK_STRIPES];

	RoomBroadcaster(SimpMessageSendingOperations broker, Clock clock, ChatProperties properties) {
		this.broker = broker;
		this.clock = clock;
		this.maxTextLength = properties.maxTextLength();
		for (int i = 0; i < LOCK_STRIPES; i++) {
			this.locks[i] = new Object();
		}
	}

	public ChatMessage post(RoomName room, String sender, String rawText) {
		MessageText text = MessageText.of(rawText, this.maxTextLength);
		synchronized (lockFor(room)) {
			ChatMessage message = new ChatMessage(Long.toString(this.sequence.incrementAndGet()), room.value(), sender,
					text.value(), this.clock.instant().truncatedTo(ChronoUnit.MILLIS), MessageType.CHAT);
			this.broker.convertAndSend(room.topic(), message);
			return message;
		}
	}

	private Object lockFor(RoomName room) {
		return this.locks[Math.floorMod(room.value().hashCode(), LOCK_STRIPES)];
	}

}
