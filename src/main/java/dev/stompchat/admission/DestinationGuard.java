package dev.stompchat.admission;

import dev.stompchat.core.ClientReplies;
import dev.stompchat.core.ClosingRefusal;
import dev.stompchat.core.Excerpt;
import dev.stompchat.core.RoomName;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Lets clients subscribe only to room topics, their own error queue and the application's
 * answers, and send only to the application; anything else would let a client publish
 * straight to a room or to another user's queue under any name, or read another user's
 * queue. A refused frame ends the connection with an ERROR frame that names the
 * destination.
 */
@Component
public class DestinationGuard implements ChannelInterceptor {

	private final ClientReplies replies;

	DestinationGuard(ClientReplies replies) {
		this.replies = replies;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null) {
			return message;
		}
		String problem = problemWith(accessor.getCommand(), accessor.getDestination());
		if (problem == null) {
			return message;
		}
		this.replies.refuseAndClose(accessor.getSessionId(), ClosingRefusal.FORBIDDEN_DESTINATION, problem,
				accessor.getReceipt());
		return null;
	}

	static @Nullable String problemWith(@Nullable StompCommand command, @Nullable String destination) {
		if ((command == StompCommand.SUBSCRIBE || command == StompCommand.SEND) && climbs(destination)) {
			// Spring's handlers would drop it without a word
			return ((command == StompCommand.SEND) ? "Sending to '" : "Subscribing to '") + Excerpt.of(destination)
					+ "' is not allowed: a destination must not contain '..'.";
		}
		if (command == StompCommand.SUBSCRIBE && isRoomTopicOfInvalidRoom(destination)) {
			return "Subscribing to '" + Excerpt.of(destination) + "' is not allowed: "
					+ RoomName.describeProblem(RoomName.nameInTopic(destination));
		}
		if (command == StompCommand.SUBSCRIBE) {
			return mayBeSubscribed(destination) ? null
					: "Subscribing to '" + Excerpt.of(destination) + "' is not allowed: subscribe to "
							+ RoomName.TOPIC_PREFIX + "{room}, " + ClientReplies.ERROR_QUEUE + " or "
							+ RoomName.APPLICATION_PREFIX + "….";
		}
		if (command == StompCommand.SEND) {
			return mayBeSentTo(destination) ? null : "Sending to '" + Excerpt.of(destination)
					+ "' is not allowed: send to " + RoomName.APPLICATION_PREFIX + "rooms.{room}.send.";
		}
		return null;
	}

	private static boolean mayBeSubscribed(@Nullable String destination) {
		if (destination == null) {
			return false;
		}
		if (RoomName.isTopic(destination)) {
			return RoomName.ofTopic(destination) != null;
		}
		return destination.equals(ClientReplies.ERROR_QUEUE) || destination.startsWith(RoomName.APPLICATION_PREFIX);
	}

	private static boolean isRoomTopicOfInvalidRoom(@Nullable String destination) {
		return RoomName.isTopic(destination) && RoomName.ofTopic(destination) == null;
	}

	private static boolean climbs(@Nullable String destination) {
		return destination != null && destination.contains("..");
	}

	private static boolean mayBeSentTo(@Nullable String destination) {
		return destination != null && destination.startsWith(RoomName.APPLICATION_PREFIX);
	}

}
