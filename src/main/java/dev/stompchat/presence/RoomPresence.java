package dev.stompchat.presence;

import java.util.List;

import dev.stompchat.chat.RoomMessageListener;
import dev.stompchat.chat.RoomName;

/**
 * Who is in each room, fed by the JOIN and LEAVE messages of the rooms' message stream.
 */
public interface RoomPresence extends RoomMessageListener {

	List<Member> members(RoomName room);

	/** Rooms that have members, the busiest first (then by name). */
	List<ActiveRoom> activeRooms();

}
