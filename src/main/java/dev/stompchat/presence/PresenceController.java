package dev.stompchat.presence;

import java.util.List;

import dev.stompchat.chat.RoomName;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * Answers once, to the subscriber alone, who is in a room and which rooms are active.
 */
@Controller
class PresenceController {

	private final RoomPresence presence;

	PresenceController(RoomPresence presence) {
		this.presence = presence;
	}

	@SubscribeMapping("rooms.{room}.members")
	RoomMembers members(@DestinationVariable String room) {
		RoomName name = new RoomName(room);
		return new RoomMembers(name.value(), this.presence.members(name));
	}

	@SubscribeMapping("rooms")
	ActiveRooms rooms() {
		return new ActiveRooms(this.presence.activeRooms());
	}

	/** The answer to {@code SUBSCRIBE /app/rooms}. */
	record ActiveRooms(List<ActiveRoom> rooms) {
	}

}
