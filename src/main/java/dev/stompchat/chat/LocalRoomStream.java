package dev.stompchat.chat;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The rooms' order kept in this instance's memory, for {@code chat.broker=simple}: a
 * message is numbered and delivered at once, under a lock per room, so ids rise in the
 * order the broker receives the messages and every subscriber and history see one order.
 * Locks are striped by room name so that memory does not grow with the number of rooms
 * people make up.
 */
@Component
@ConditionalOnProperty(name = "chat.broker", havingValue = "simple", matchIfMissing = true)
public class LocalRoomStream implements RoomStream {

	private static final int LOCK_STRIPES = 64;

	private final RoomDelivery delivery;

	// Starts from the clock so that ids keep rising across restarts: a client holding an
	// id from before a restart must not mistake new messages for old ones.
	private final AtomicLong sequence;

	private final Object[] locks = new Object[LOCK_STRIPES];

	LocalRoomStream(RoomDelivery delivery, Clock clock) {
		this.delivery = delivery;
		this.sequence = new AtomicLong(clock.millis() * 1000);
		for (int i = 0; i < LOCK_STRIPES; i++) {
			this.locks[i] = new Object();
		}
	}

	@Override
	public CompletableFuture<ChatMessage> append(MessageDraft draft) {
		synchronized (this.locks[Math.floorMod(draft.room().hashCode(), LOCK_STRIPES)]) {
			ChatMessage message = draft.numbered(Long.toString(this.sequence.incrementAndGet()));
			this.delivery.deliver(message);
			return CompletableFuture.completedFuture(message);
		}
	}

	@Override
	public boolean isAvailable() {
		return true;
	}

}
