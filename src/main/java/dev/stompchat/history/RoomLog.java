package dev.stompchat.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.chat.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * The last chat messages of one room, and what is needed to tell whether a client that
 * saw a given message has missed any that are gone.
 * <p>
 * Ids are numbers that rise in broadcast order. {@code horizon} is the highest id of a
 * message this log can no longer return: the last one evicted, or, for a log created
 * after the room had messages elsewhere or earlier, the sequence value at creation.
 */
final class RoomLog {

	// the answer's own fields and its STOMP frame's headers
	private static final int ANSWER_OVERHEAD_BYTES = 512;

	// a message's JSON without its strings: field names, quotes, time, type, separators
	private static final int MESSAGE_OVERHEAD_BYTES = 100;

	private final int capacity;

	private final long maxAnswerBytes;

	private final Deque<ChatMessage> messages;

	private long horizon;

	private boolean evicted;

	RoomLog(int capacity, long maxAnswerBytes, long horizon) {
		this.capacity = capacity;
		this.maxAnswerBytes = maxAnswerBytes;
		this.messages = new ArrayDeque<>(Math.min(capacity, 16));
		this.horizon = horizon;
	}

	/** Keep a chat message; presence announcements are the presence's to keep. */
	synchronized void append(ChatMessage message) {
		if (message.type() != MessageType.CHAT) {
			return;
		}
		if (this.messages.size() == this.capacity) {
			this.horizon = Long.parseLong(this.messages.removeFirst().id());
			this.evicted = true;
		}
		this.messages.addLast(message);
	}

	/**
	 * The retained messages after {@code lastSeenId}, or all of them; at most the newest
	 * that fit in {@code chat.history.max-answer-bytes}, and then not complete.
	 */
	synchronized HistoryPage since(String room, @Nullable String lastSeenId) {
		long lastSeen = (lastSeenId != null) ? parse(lastSeenId) : Long.MIN_VALUE;
		boolean complete = (lastSeenId != null) ? lastSeen >= this.horizon : !this.evicted;
		List<ChatMessage> answer = new ArrayList<>();
		long budget = this.maxAnswerBytes - ANSWER_OVERHEAD_BYTES;
		for (Iterator<ChatMessage> newestFirst = this.messages.descendingIterator(); newestFirst.hasNext();) {
			ChatMessage message = newestFirst.next();
			if (Long.parseLong(message.id()) <= lastSeen) {
				break;
			}
			budget -= jsonBytes(message);
			if (budget < 0) {
				complete = false;
				break;
			}
			answer.add(message);
		}
		Collections.reverse(answer);
		return new HistoryPage(room, answer, complete);
	}

	/** At least as many bytes as the message takes in the answer's JSON. */
	static long jsonBytes(ChatMessage message) {
		return MESSAGE_OVERHEAD_BYTES + utf8Bytes(message.id()) + utf8Bytes(message.room())
				+ utf8Bytes(message.sender()) + utf8Bytes(message.text());
	}

	/**
	 * UTF-8 bytes, counting every character that JSON may escape as its longest escape.
	 */
	private static long utf8Bytes(@Nullable String text) {
		if (text == null) {
			return 4;
		}
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			bytes += (c < 0x20) ? 6 : (c == '"' || c == '\\') ? 2 : (c < 0x80) ? 1 : (c < 0x800) ? 2 : 3;
		}
		return bytes;
	}

	private static long parse(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			// not an id this server gave out: the client cannot know what it missed
			return -1;
		}
	}

}
