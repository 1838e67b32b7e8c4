package dev.stompchat.chat;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatException;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.RoomName;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Service;

/**
 * The one path every message to a room takes: validate, stamp with sender, clock and id,
 * feed the {@link RoomMessageListener listeners} (history, presence), then publish to the
 * room's topic.
 * <p>
 * A chat message is refused with {@link ChatErrorCode#OVERLOADED} while the
 * {@link Overload server is overloaded}: past the server's capacity it sheds load, so
 * that what it accepts still arrives in time, rather than queueing everything ever later.
 * Presence announcements are never refused; they are rarer, and the room's members must
 * stay right.
 * <p>
 * Stamping, feeding and publishing happen under a lock per room, so ids rise in the order
 * the broker receives the messages, every subscriber of a room sees one order, and
 * history holds that same order. Locks are striped by room name so that memory does not
 * grow with the number of rooms people make up.
 */
@Service
public class RoomBroadcaster implements MeterBinder {

	private static final int LOCK_STRIPES = 64;

	private final SimpMessageSendingOperations broker;

	private final List<RoomMessageListener> listeners;

	private final Clock clock;

	private final Overload overload;

	private final int maxTextLength;

	// Starts from the clock so that ids keep rising across restarts: a client holding an
	// id from before a restart must not mistake new messages for old ones.
	private final AtomicLong sequence;

	private final Object[] locks = new Object[LOCK_STRIPES];

	private final LongAdder broadcast = new LongAdder();

	private final LongAdder accepted = new LongAdder();

	RoomBroadcaster(SimpMessageSendingOperations broker, List<RoomMessageListener> listeners, Clock clock,
			Overload overload, ChatProperties properties) {
		this.broker = broker;
		this.listeners = listeners;
		this.clock = clock;
		this.overload = overload;
		this.maxTextLength = properties.maxTextLength();
		this.sequence = new AtomicLong(clock.millis() * 1000);
		for (int i = 0; i < LOCK_STRIPES; i++) {
			this.locks[i] = new Object();
		}
	}

	/**
	 * Broadcast what a person said.
	 * @throws ChatException if the text is empty or too long, or the server is overloaded
	 */
	public ChatMessage post(RoomName room, String sender, @Nullable String rawText) {
		MessageText text = MessageText.of(rawText, this.maxTextLength);
		if (this.overload.isOverloaded()) {
			throw new ChatException(ChatErrorCode.OVERLOADED,
					"The server is busy: your message was not sent. Try again in a moment.");
		}
		ChatMessage message = publish(room, sender, text.value(), MessageType.CHAT, null, null);
		this.accepted.increment();
		return message;
	}

	/** Broadcast that someone arrived in ({@link MessageType#JOIN}) or left a room. */
	public ChatMessage announce(RoomName room, String nickname, MessageType presenceChange) {
		return publish(room, nickname, null, presenceChange, null, null);
	}

	/** Broadcast who arrived in and who left a room within one window. */
	public ChatMessage announce(RoomName room, List<String> joined, List<String> left) {
		return publish(room, null, null, MessageType.PRESENCE, List.copyOf(joined), List.copyOf(left));
	}

	private ChatMessage publish(RoomName room, @Nullable String sender, @Nullable String text, MessageType type,
			@Nullable List<String> joined, @Nullable List<String> left) {
		synchronized (lockFor(room)) {
			ChatMessage message = new ChatMessage(Long.toString(this.sequence.incrementAndGet()), room.value(), sender,
					text, this.clock.instant().truncatedTo(ChronoUnit.MILLIS), type, joined, left);
			for (RoomMessageListener listener : this.listeners) {
				listener.onMessage(message);
			}
			this.broker.convertAndSend(room.topic(), message);
			this.broadcast.increment();
			return message;
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("chat.messages", this.broadcast, LongAdder::sum)
			.description("Messages broadcast to rooms: chat messages and presence announcements")
			.register(registry);
		FunctionCounter.builder("chat.messages.accepted", this.accepted, LongAdder::sum)
			.description("Chat messages accepted from clients and broadcast to their rooms")
			.register(registry);
	}

	private Object lockFor(RoomName room) {
		return this.locks[Math.floorMod(room.value().hashCode(), LOCK_STRIPES)];
	}

}
