package dev.stompchat.connection;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code nickname} header of CONNECT into the connection's {@link Nickname}
 * principal, or refuses the connection with an ERROR frame that says what is wrong.
 */
@Component
public class NicknameInterceptor implements ChannelInterceptor {

	static final String NICKNAME_HEADER = "nickname";

	private final ClientFrameSender errors;

	NicknameInterceptor(ClientFrameSender errors) {
		this.errors = errors;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || !isConnect(accessor.getCommand())) {
			return message;
		}
		try {
			// Spring keeps the user set here as the principal of every later frame of the connection.
			accessor.setUser(Nickname.parse(accessor.getFirstNativeHeader(NICKNAME_HEADER)));
			return message;
		}
		catch (IllegalArgumentException ex) {
			this.errors.sendError(accessor.getSessionId(), ex.getMessage(), null);
			return null;
		}
	}

	private static boolean isConnect(StompCommand command) {
		return command == StompCommand.CONNECT || command == StompCommand.STOMP;
	}

}
