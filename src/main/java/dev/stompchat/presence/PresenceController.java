package dev.stompchat.presence;

import java.util.List;

import dev.stompchat.core.RoomName;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * Answers once, to the subscriber alone, who is in a room and which rooms are active.
 */
@Controller
class PresenceController {

	static final int MAX_LISTED_ROOMS = 50;

	private final RoomPresence presence;

	PresenceController(RoomPresence presence) {
		this.presence = presence;
	}

	@SubscribeMapping("rooms.{room}.members")
	RoomMembers members(@DestinationVariable String room) {
		RoomName name = new RoomName(room);
		return new RoomMembers(name.value(), this.presence.members(name));
	}

	/**
	 * The busiest rooms, at most {@link #MAX_LISTED_ROOMS}, and how many rooms are active
	 * in all.
	 */
	@SubscribeMapping("rooms")
	ActiveRooms rooms() {
		List<ActiveRoom> active = this.presence.activeRooms();
		return new ActiveRooms(active.subList(0, Math.min(active.size(), MAX_LISTED_ROOMS)), active.size());
	}

	/**
	 * The answer to {@code SUBSCRIBE /app/rooms}.
	 *
	 * @param rooms the busiest rooms, busiest first
	 * @param total how many rooms have members
	 */
	record ActiveRooms(List<ActiveRoom> rooms, int total) {
	}

}
