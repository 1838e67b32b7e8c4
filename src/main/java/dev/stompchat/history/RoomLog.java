package dev.stompchat.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.stompchat.chat.ChatMessage;

/**
 * The last chat messages of one room, and what is needed to tell whether a client that
 * saw a given message has missed any that are gone.
 * <p>Ids are numbers that rise in broadcast order. {@code horizon} is the highest id of
 * a message this log can no longer return: the last one evicted, or, for a log created
 * after the room had messages elsewhere or earlier, the sequence value at creation.
 */
final class RoomLog {

	private final int capacity;

	private final Deque<ChatMessage> messages;

	private long horizon;

	private boolean evicted;

	private int members;

	RoomLog(int capacity, long horizon) {
		this.capacity = capacity;
		this.messages = new ArrayDeque<>(Math.min(capacity, 16));
		this.horizon = horizon;
	}

	synchronized void append(ChatMessage message) {
		switch (message.type()) {
			case CHAT -> {
				if (this.messages.size() == this.capacity) {
					this.horizon = Long.parseLong(this.messages.removeFirst().id());
					this.evicted = true;
				}
				this.messages.addLast(message);
			}
			case JOIN -> this.members++;
			case LEAVE -> this.members = Math.max(0, this.members - 1);
			case PRESENCE -> this.members = Math.max(0, this.members + message.joined().size() - message.left().size());
		}
	}

	synchronized boolean hasMembers() {
		return this.members > 0;
	}

	synchronized HistoryPage since(String room, String lastSeenId) {
		if (lastSeenId == null) {
			return new HistoryPage(room, List.copyOf(this.messages), !this.evicted);
		}
		long lastSeen = parse(lastSeenId);
		List<ChatMessage> newer = new ArrayList<>();
		for (ChatMessage message : this.messages) {
			if (Long.parseLong(message.id()) > lastSeen) {
				newer.add(message);
			}
		}
		return new HistoryPage(room, newer, lastSeen >= this.horizon);
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
