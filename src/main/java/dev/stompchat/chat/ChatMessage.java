package dev.stompchat.chat;

import java.time.Instant;

/**
 * A message as every member of a room receives it: stamped with its sender's nickname,
 * the server's clock and an id unique within the room.
 */
public record ChatMessage(String id, String room, String sender, String text, Instant sentAt, MessageType type) {
}
