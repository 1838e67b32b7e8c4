package dev.stompchat.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatException;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.RoomName;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The one path every message to a room takes: validate, stamp with sender and clock, and
 * append to the {@link RoomStream}, which numbers it in the room's order and hands it to
 * the {@link RoomDelivery} (listeners, then the room's topic) of every instance.
 * <p>
 * A chat message is refused with {@link ChatErrorCode#OVERLOADED} while the
 * {@link Overload server is overloaded}, or when it waited longer than
 * {@code chat.overload.max-wait} to be handled: past the server's capacity it sheds load,
 * so that what it accepts still arrives in time, rather than queueing everything ever
 * later. A refusal costs far less than a broadcast, so a backlog of waiting messages
 * drains within moments once the load stops. It is refused with
 * {@link ChatErrorCode#BROKER_UNAVAILABLE} while the stream cannot store messages.
 * Presence announcements are never refused for overload; they are rarer, and the room's
 * members must stay right.
 */
@Service
public class RoomBroadcaster implements MeterBinder {

	/** The sentence of a message refused because the broker cannot store it. */
	public static final String BROKER_UNAVAILABLE = "Messages cannot be sent for now: the server has lost its message broker. "
			+ "Try again in a moment.";

	/** The sentence of a message refused because the server is overloaded. */
	public static final String SERVER_BUSY = "The server is busy: your message was not sent. Try again in a moment.";

	private final RoomStream stream;

	private final Clock clock;

	private final Overload overload;

	private final int maxTextLength;

	private final Duration maxWait;

	private final LongAdder accepted = new LongAdder();

	RoomBroadcaster(RoomStream stream, Clock clock, Overload overload, ChatProperties properties) {
		this.stream = stream;
		this.clock = clock;
		this.overload = overload;
		this.maxTextLength = properties.maxTextLength();
		this.maxWait = properties.overload().maxWait();
	}

	/**
	 * Broadcast what a person said.
	 * @param waited how long the message waited between arriving and being handled
	 * @return completes once the message is stored, with its id; exceptionally with a
	 * {@link ChatException} if it could not be stored
	 * @throws ChatException if the text is empty or too long, the server is overloaded or
	 * the broker unavailable
	 */
	public CompletableFuture<ChatMessage> post(RoomName room, String sender, @Nullable String rawText,
			Duration waited) {
		MessageText text = MessageText.of(rawText, this.maxTextLength);
		if (waited.compareTo(this.maxWait) > 0 || this.overload.isOverloaded()) {
			throw new ChatException(ChatErrorCode.OVERLOADED, SERVER_BUSY);
		}
		if (!this.stream.isAvailable()) {
			throw new ChatException(ChatErrorCode.BROKER_UNAVAILABLE, BROKER_UNAVAILABLE);
		}
		return append(room, sender, text.value(), MessageType.CHAT, null, null).whenComplete((message, failure) -> {
			if (failure == null) {
				this.accepted.increment();
			}
		});
	}

	/** Broadcast that someone arrived in ({@link MessageType#JOIN}) or left a room. */
	public CompletableFuture<ChatMessage> announce(RoomName room, String nickname, MessageType presenceChange) {
		return append(room, nickname, null, presenceChange, null, null);
	}

	/** Broadcast who arrived in and who left a room within one window. */
	public CompletableFuture<ChatMessage> announce(RoomName room, List<String> joined, List<String> left) {
		return append(room, null, null, MessageType.PRESENCE, List.copyOf(joined), List.copyOf(left));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("chat.messages.accepted", this.accepted, LongAdder::sum)
			.description("Chat messages accepted from clients, stored and broadcast to their rooms")
			.register(registry);
	}

	private CompletableFuture<ChatMessage> append(RoomName room, @Nullable String sender, @Nullable String text,
			MessageType type, @Nullable List<String> joined, @Nullable List<String> left) {
		return this.stream.append(new MessageDraft(room.value(), sender, text,
				this.clock.instant().truncatedTo(ChronoUnit.MILLIS), type, joined, left));
	}

}
