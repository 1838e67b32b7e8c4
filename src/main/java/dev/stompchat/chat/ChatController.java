package dev.stompchat.chat;

import java.security.Principal;
import java.time.Duration;

import dev.stompchat.core.ChatError;
import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatException;
import dev.stompchat.core.ClientReplies;
import dev.stompchat.core.Excerpt;
import dev.stompchat.core.RoomName;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * Receives what clients send to {@code /app}. A SEND that carries a {@code receipt}
 * header gets its RECEIPT once the message is stored and broadcast, with the id the room
 * gave the message in its {@code message-id} header; one that could not be stored gets an
 * error instead. Spring would drop a frame no mapping matches without a word, so
 * catch-all mappings report it instead.
 */
@Controller
class ChatController {

	private final RoomBroadcaster rooms;

	private final ClientReplies replies;

	ChatController(RoomBroadcaster rooms, ClientReplies replies) {
		this.rooms = rooms;
		this.replies = replies;
	}

	@MessageMapping("rooms.{room}.send")
	void send(@DestinationVariable String room, @Payload SendRequest request, Principal sender,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId,
			@Header(name = StompHeaderAccessor.STOMP_RECEIPT_HEADER, required = false) @Nullable String receipt,
			@Header(name = Overload.ARRIVAL_HEADER, required = false) @Nullable Long arrival) {
		Duration waited = (arrival != null) ? Duration.ofNanos(System.nanoTime() - arrival) : Duration.ZERO;
		this.rooms.post(new RoomName(room), sender.getName(), request.text(), waited)
			.whenComplete((message, failure) -> {
				if (failure != null) {
					refuse(sessionId, room, receipt, failure);
				}
				else if (receipt != null) {
					this.replies.receipt(sessionId, receipt, message.id());
				}
			});
	}

	/** A message that passed every check but could not be stored gets no RECEIPT. */
	private void refuse(String sessionId, String room, @Nullable String receipt, Throwable failure) {
		ChatException refusal = (failure.getCause() instanceof ChatException cause) ? cause
				: (failure instanceof ChatException direct) ? direct
						: new ChatException(ChatErrorCode.BROKER_UNAVAILABLE, RoomBroadcaster.BROKER_UNAVAILABLE);
		this.replies.refuse(sessionId, new ChatError(refusal.getCode(), refusal.getMessage(),
				new RoomName(room).applicationDestination(RoomName.SEND_SUFFIX), receipt));
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
