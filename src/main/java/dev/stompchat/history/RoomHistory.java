package dev.stompchat.history;

import dev.stompchat.chat.RoomMessageListener;
import dev.stompchat.core.RoomName;
import org.jspecify.annotations.Nullable;

/**
 * The recent chat messages of each room, fed by the rooms' message stream.
 */
interface RoomHistory extends RoomMessageListener {

	/**
	 * The retained messages of a room, oldest first.
	 * @param lastSeenId the id of the last message the client saw, or {@code null} for
	 * all retained messages
	 */
	HistoryPage since(RoomName room, @Nullable String lastSeenId);

}
