package dev.stompchat.chat;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message on its way to its room, stamped with sender and clock but not yet numbered:
 * the {@link RoomStream} gives it its id, in the room's order.
 */
public record MessageDraft(String room, @Nullable String sender, @Nullable String text, Instant sentAt,
		MessageType type, @Nullable List<String> joined, @Nullable List<String> left) {

	/** The message as the room's members receive it, under the id the stream gave it. */
	public ChatMessage numbered(String id) {
		return new ChatMessage(id, this.room, this.sender, this.text, this.sentAt, this.type, this.joined, this.left);
	}

	/** The same change of presence, naming only the given nicknames. */
	public MessageDraft withChanges(List<String> joined, List<String> left) {
		return new MessageDraft(this.room, this.sender, this.text, this.sentAt, this.type, joined, left);
	}

}
