package dev.stompchat.history;

import java.util.List;

import dev.stompchat.chat.ChatMessage;

/**
 * The answer to a history request.
 *
 * @param room the room
 * @param messages retained messages, oldest first
 * @param complete {@code false} when some messages the client asked for are no longer
 * retained, so the client knows there is a gap
 */
record HistoryPage(String room, List<ChatMessage> messages, boolean complete) {
}
