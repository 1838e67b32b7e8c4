package dev.stompchat.identity;

import dev.stompchat.core.ClientReplies;
import dev.stompchat.core.ClosingRefusal;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code nickname} header of CONNECT into the connection's {@link Nickname}
 * principal, claimed in the {@link NicknameClaims}, or refuses the connection with an
 * ERROR frame that says what is wrong. Frees the nickname on DISCONNECT, which Spring
 * also sends through here when a connection closes without one.
 */
@Component
public class NicknameInterceptor implements ChannelInterceptor {

	static final String NICKNAME_HEADER = "nickname";

	static final String TOKEN_HEADER = "nickname-token";

	private final NicknameClaims registry;

	private final ClientReplies replies;

	NicknameInterceptor(NicknameClaims registry, ClientReplies replies) {
		this.registry = registry;
		this.replies = replies;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null) {
			return message;
		}
		if (accessor.getCommand() == StompCommand.DISCONNECT) {
			this.registry.release(accessor.getSessionId());
			return message;
		}
		if (accessor.getCommand() != StompCommand.CONNECT && accessor.getCommand() != StompCommand.STOMP) {
			return message;
		}
		try {
			Nickname requested = Nickname.parse(accessor.getFirstNativeHeader(NICKNAME_HEADER));
			NicknameClaims.Claim claim = this.registry.claim(requested, accessor.getFirstNativeHeader(TOKEN_HEADER),
					accessor.getSessionId());
			// Spring keeps the user set here as the principal of every later frame of the
			// connection.
			accessor.setUser(claim.nickname());
			return message;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			ClosingRefusal reason = (ex instanceof NicknameTakenException) ? ClosingRefusal.NICKNAME_TAKEN
					: (ex instanceof IllegalStateException) ? ClosingRefusal.BROKER_UNAVAILABLE
							: ClosingRefusal.INVALID_NICKNAME;
			this.replies.refuseAndClose(accessor.getSessionId(), reason, ex.getMessage(), null);
			return null;
		}
	}

}
