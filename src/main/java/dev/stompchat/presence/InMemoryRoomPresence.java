package dev.stompchat.presence;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.core.RoomName;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Presence kept in this instance's memory; rooms without members take no space. Each
 * room's members are an immutable map replaced on every change, so readers need no lock.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InMemoryRoomPresence implements RoomPresence {

	private final Map<String, Map<String, Member>> rooms = new ConcurrentHashMap<>();

	@Override
	public void onMessage(ChatMessage message) {
		switch (message.type()) {
			case JOIN -> update(message.room(), List.of(message.sender()), List.of(), message.sentAt());
			case LEAVE -> update(message.room(), List.of(), List.of(message.sender()), message.sentAt());
			case PRESENCE -> update(message.room(), message.joined(), message.left(), message.sentAt());
			case CHAT -> {
			}
		}
	}

	private void update(String room, List<String> joined, List<String> left, Instant at) {
		this.rooms.compute(room, (key, members) -> {
			Map<String, Member> updated = (members != null) ? new LinkedHashMap<>(members) : new LinkedHashMap<>();
			joined.forEach((nickname) -> updated.putIfAbsent(nickname, new Member(nickname, at)));
			left.forEach(updated::remove);
			return updated.isEmpty() ? null : Collections.unmodifiableMap(updated);
		});
	}

	@Override
	public int memberCount(String room) {
		Map<String, Member> members = this.rooms.get(room);
		return (members != null) ? members.size() : 0;
	}

	@Override
	public List<Member> members(RoomName room) {
		Map<String, Member> members = this.rooms.get(room.value());
		return (members != null) ? List.copyOf(members.values()) : List.of();
	}

	@Override
	public List<ActiveRoom> activeRooms() {
		return this.rooms.entrySet()
			.stream()
			.map((entry) -> new ActiveRoom(entry.getKey(), entry.getValue().size()))
			.sorted(Comparator.comparingInt(ActiveRoom::members).reversed().thenComparing(ActiveRoom::room))
			.toList();
	}

}
