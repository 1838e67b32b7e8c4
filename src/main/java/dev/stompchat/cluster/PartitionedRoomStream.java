package dev.stompchat.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.chat.MessageDraft;
import dev.stompchat.chat.MessageType;
import dev.stompchat.chat.RoomBroadcaster;
import dev.stompchat.chat.RoomDelivery;
import dev.stompchat.chat.RoomStream;
import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatException;
import org.jspecify.annotations.Nullable;

/**
 * Rooms' order kept by RabbitMQ, for {@code chat.broker=rabbitmq}: a message goes to its
 * room's partition stream and is delivered here, as on every instance, only once it is
 * read back, so every subscriber everywhere sees the partition's one order, its sender's
 * clients included. Its id is its offset in the partition: unique, rising, the same on
 * every instance and across restarts, but not contiguous, since other rooms share the
 * partition.
 * <p>
 * {@link #append} completes once the broker confirmed the message and this instance read
 * it back: a message whose sender got its RECEIPT is stored and reaches every instance
 * even if this one dies right after. Presence changes are folded across instances
 * ({@link PresenceFold}) before the room hears of them.
 */
class PartitionedRoomStream implements RoomStream, StreamListener {

	private final StreamLink link;

	private final InstanceLiveness liveness;

	private final RoomDelivery delivery;

	private final PresenceFold[] presence;

	private final Map<String, PendingAppend> pending = new ConcurrentHashMap<>();

	private final AtomicLong correlations = new AtomicLong();

	PartitionedRoomStream(StreamLink link, InstanceLiveness liveness, RoomDelivery delivery) {
		this.link = link;
		this.liveness = liveness;
		this.delivery = delivery;
		this.presence = new PresenceFold[link.names().partitions()];
		for (int i = 0; i < this.presence.length; i++) {
			this.presence[i] = new PresenceFold();
		}
	}

	@Override
	public boolean isAvailable() {
		return this.link.isCaughtUp() && this.liveness.isLinked();
	}

	@Override
	public CompletableFuture<ChatMessage> append(MessageDraft draft) {
		String correlation = this.link.instance() + "-" + this.correlations.incrementAndGet();
		PendingAppend append = new PendingAppend();
		this.pending.put(correlation, append);
		this.link.publishToRooms(this.link.names().partitionOf(draft.room()), entryOf(draft, correlation))
			.whenComplete((confirmed, failure) -> {
				if (failure != null) {
					this.pending.remove(correlation);
					append.future.completeExceptionally(
							new ChatException(ChatErrorCode.BROKER_UNAVAILABLE, RoomBroadcaster.BROKER_UNAVAILABLE));
				}
				else {
					append.confirmed();
				}
			});
		return append.future;
	}

	private StreamEntry entryOf(MessageDraft draft, String correlation) {
		String instance = this.link.instance();
		if (draft.type() == MessageType.CHAT) {
			return new StreamEntry.Posted(instance, correlation, draft.room(), draft.sender(), draft.text(),
					draft.sentAt());
		}
		return new StreamEntry.PresenceChanged(instance, correlation, draft.room(), draft.type(), draft.sender(),
				draft.joined(), draft.left(), draft.sentAt());
	}

	@Override
	public void onRoomEntry(int partition, long offset, StreamEntry entry) {
		String id = Long.toString(offset);
		if (entry instanceof StreamEntry.Posted posted) {
			ChatMessage message = new ChatMessage(id, posted.room(), posted.sender(), posted.text(), posted.sentAt(),
					MessageType.CHAT);
			this.delivery.deliver(message);
			readBack(posted.instance(), posted.correlation(), message);
		}
		else if (entry instanceof StreamEntry.PresenceChanged change) {
			MessageDraft heard = this.presence[partition].apply(change);
			ChatMessage message = (heard != null) ? heard.numbered(id) : null;
			if (message != null) {
				this.delivery.deliver(message);
			}
			readBack(change.instance(), change.correlation(), message);
		}
		else if (entry instanceof StreamEntry.Expired expired) {
			for (MessageDraft departure : this.presence[partition].expire(expired.expired(), expired.at())) {
				this.delivery.deliver(departure.numbered(id));
			}
		}
	}

	private void readBack(String instance, String correlation, @Nullable ChatMessage message) {
		if (instance.equals(this.link.instance())) {
			PendingAppend append = this.pending.remove(correlation);
			if (append != null) {
				append.readBack(message);
			}
		}
	}

	/**
	 * An append waiting for both the broker's confirmation and its reading back, which
	 * may come in either order.
	 */
	private static final class PendingAppend {

		private final CompletableFuture<ChatMessage> future = new CompletableFuture<>();

		private boolean confirmed;

		private boolean read;

		private @Nullable ChatMessage message;

		synchronized void confirmed() {
			this.confirmed = true;
			completeIfDone();
		}

		synchronized void readBack(@Nullable ChatMessage message) {
			this.read = true;
			this.message = message;
			completeIfDone();
		}

		private void completeIfDone() {
			if (this.confirmed && this.read) {
				this.future.complete(this.message);
			}
		}

	}

}
