package dev.stompchat.presence;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.chat.RoomName;

import org.springframework.stereotype.Component;

/**
 * Presence kept in this instance's memory; rooms without members take no space. Each
 * room's members are an immutable map replaced on every change, so readers need no lock.
 */
@Component
class InMemoryRoomPresence implements RoomPresence {

	private final Map<String, Map<String, Member>> rooms = new ConcurrentHashMap<>();

	@Override
	public void onMessage(ChatMessage message) {
		switch (message.type()) {
			case JOIN -> this.rooms.compute(message.room(), (room, members) -> {
				Map<String, Member> updated = (members != null) ? new LinkedHashMap<>(members) : new LinkedHashMap<>();
				updated.putIfAbsent(message.sender(), new Member(message.sender(), message.sentAt()));
				return Collections.unmodifiableMap(updated);
			});
			case LEAVE -> this.rooms.computeIfPresent(message.room(), (room, members) -> {
				Map<String, Member> updated = new LinkedHashMap<>(members);
				updated.remove(message.sender());
				return updated.isEmpty() ? null : Collections.unmodifiableMap(updated);
			});
			case CHAT -> {
			}
		}
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
			.sorted(Comparator.comparing(ActiveRoom::room))
			.toList();
	}

}
