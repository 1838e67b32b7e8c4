package dev.stompchat.chat;

import java.security.Principal;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * Receives what clients send to {@code /app}. Spring would drop a frame no mapping
 * matches without a word, so a catch-all mapping reports it instead.
 */
@Controller
class ChatController {

	private final RoomBroadcaster rooms;

	ChatController(RoomBroadcaster rooms) {
		this.rooms = rooms;
	}

	@MessageMapping("rooms.{room}.send")
	void send(@DestinationVariable String room, @Payload SendRequest request, Principal sender) {
		this.rooms.post(new RoomName(room), sender.getName(), request.text());
	}

	@MessageMapping("**")
	void unknownDestination(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination) {
		throw new ChatException(ChatErrorCode.UNKNOWN_DESTINATION,
				"Nothing handles '" + destination + "': send chat messages to /app/rooms.{room}.send.");
	}

}
