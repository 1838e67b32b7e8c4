package dev.stompchat.chat;

import java.security.Principal;

import dev.stompchat.connection.ClientFrameSender;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * Receives what clients send to {@code /app}. A SEND that carries a {@code receipt}
 * header gets its RECEIPT once the message is broadcast, with the id the room gave the
 * message in its {@code message-id} header. Spring would drop a frame no
 * mapping matches without a word, so catch-all mappings report it instead.
 */
@Controller
class ChatController {

	static final String RECEIPT_HEADER = "receipt";

	private final RoomBroadcaster rooms;

	private final ClientFrameSender frames;

	ChatController(RoomBroadcaster rooms, ClientFrameSender frames) {
		this.rooms = rooms;
		this.frames = frames;
	}

	@MessageMapping("rooms.{room}.send")
	void send(@DestinationVariable String room, @Payload SendRequest request, Principal sender,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId,
			@Header(name = RECEIPT_HEADER, required = false) String receipt) {
		ChatMessage message = this.rooms.post(new RoomName(room), sender.getName(), request.text());
		if (receipt != null) {
			this.frames.sendReceipt(sessionId, receipt, message.id());
		}
	}

	@MessageMapping("**")
	void unknownDestination(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination) {
		throw new ChatException(ChatErrorCode.UNKNOWN_DESTINATION,
				"Nothing handles '" + Excerpt.of(destination) + "': send chat messages to /app/rooms.{room}.send.");
	}

	@SubscribeMapping("**")
	void unknownSubscription(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination) {
		throw new ChatException(ChatErrorCode.UNKNOWN_DESTINATION, "Nothing answers '" + Excerpt.of(destination)
				+ "': subscribe to /app/rooms, /app/rooms.{room}.members or /app/rooms.{room}.history.");
	}

}
