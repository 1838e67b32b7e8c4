package dev.stompchat.history;

import dev.stompchat.core.RoomName;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * Answers {@code SUBSCRIBE /app/rooms.{room}.history} once with the room's retained
 * messages, or, given a {@code since} header with the id of the last message the client
 * saw, with those after it.
 */
@Controller
class HistoryController {

	static final String SINCE_HEADER = "since";

	private final RoomHistory history;

	HistoryController(RoomHistory history) {
		this.history = history;
	}

	@SubscribeMapping("rooms.{room}.history")
	HistoryPage history(@DestinationVariable String room,
			@Header(name = SINCE_HEADER, required = false) @Nullable String lastSeenId) {
		return this.history.since(new RoomName(room), lastSeenId);
	}

}
