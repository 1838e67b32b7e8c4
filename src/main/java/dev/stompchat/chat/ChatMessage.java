package dev.stompchat.chat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A message as every member of a room receives it: stamped with its sender's nickname,
 * the server's clock and an id unique within the room. A {@link MessageType#PRESENCE}
 * message has no sender or text but the nicknames that joined and left, which no other
 * message has.
 */
public record ChatMessage(String id, String room, @Nullable String sender, @Nullable String text, Instant sentAt,
		MessageType type, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> joined,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> left) {

	public ChatMessage(String id, String room, @Nullable String sender, @Nullable String text, Instant sentAt,
			MessageType type) {
		this(id, room, sender, text, sentAt, type, null, null);
	}

}
