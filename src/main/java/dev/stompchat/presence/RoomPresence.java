package dev.stompchat.presence;

import java.util.List;

import dev.stompchat.chat.RoomMessageListener;
import dev.stompchat.core.RoomName;

/**
 * Who is in each room: the one owner of room membership, which the members and rooms
 * answers, presence announcements and history's expiry all read. Fed by the JOIN, LEAVE
 * and PRESENCE messages of the rooms' message stream, so it says what the room was told,
 * in the room's order; it is fed before any other listener of the stream.
 */
public interface RoomPresence extends RoomMessageListener {

	List<Member> members(RoomName room);

	/** How many members a room has; 0 for a room nobody is in. */
	int memberCount(String room);

	/** Rooms that have members, the busiest first (then by name). */
	List<ActiveRoom> activeRooms();

}
