package dev.stompchat.connection;

import dev.stompchat.chat.Excerpt;
import dev.stompchat.chat.RoomName;

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

	static final String ROOM_TOPIC_PREFIX = "/topic/rooms.";

	static final String ERROR_QUEUE = "/user/queue/errors";

	static final String APPLICATION_PREFIX = "/app/";

	private final ClientFrameSender errors;

	DestinationGuard(ClientFrameSender errors) {
		this.errors = errors;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null) {
			return message;
		}
		String problem = problemWith(accessor.getCommand(), accessor.getDestination());
		if (problem == null) {
			return message;
		}
		this.errors.sendError(accessor.getSessionId(), problem, accessor.getReceipt());
		return null;
	}

	static String problemWith(StompCommand command, String destination) {
		if ((command == StompCommand.SUBSCRIBE || command == StompCommand.SEND) && climbs(destination)) {
			// Spring's handlers would drop it without a word
			return ((command == StompCommand.SEND) ? "Sending to '" : "Subscribing to '") + Excerpt.of(destination)
					+ "' is not allowed: a destination must not contain '..'.";
		}
		if (command == StompCommand.SUBSCRIBE && isRoomTopicOfInvalidRoom(destination)) {
			return "Subscribing to '" + Excerpt.of(destination) + "' is not allowed: "
					+ RoomName.describeProblem(destination.substring(ROOM_TOPIC_PREFIX.length()));
		}
		if (command == StompCommand.SUBSCRIBE) {
			return mayBeSubscribed(destination) ? null
					: "Subscribing to '" + Excerpt.of(destination) + "' is not allowed: subscribe to "
							+ ROOM_TOPIC_PREFIX + "{room}, " + ERROR_QUEUE + " or " + APPLICATION_PREFIX + "….";
		}
		if (command == StompCommand.SEND) {
			return mayBeSentTo(destination) ? null : "Sending to '" + Excerpt.of(destination)
					+ "' is not allowed: send to " + APPLICATION_PREFIX + "rooms.{room}.send.";
		}
		return null;
	}

	private static boolean mayBeSubscribed(String destination) {
		if (destination == null) {
			return false;
		}
		if (destination.startsWith(ROOM_TOPIC_PREFIX)) {
			return RoomName.isValid(destination.substring(ROOM_TOPIC_PREFIX.length()));
		}
		return destination.equals(ERROR_QUEUE) || destination.startsWith(APPLICATION_PREFIX);
	}

	private static boolean isRoomTopicOfInvalidRoom(String destination) {
		return destination != null && destination.startsWith(ROOM_TOPIC_PREFIX)
				&& !RoomName.isValid(destination.substring(ROOM_TOPIC_PREFIX.length()));
	}

	private static boolean climbs(String destination) {
		return destination != null && destination.contains("..");
	}

	private static boolean mayBeSentTo(String destination) {
		return destination != null && destination.startsWith(APPLICATION_PREFIX);
	}

}
