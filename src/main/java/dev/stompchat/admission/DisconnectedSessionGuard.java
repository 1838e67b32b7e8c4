package dev.stompchat.admission;

import java.util.Map;

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
 * Accepts nothing from a connection after its DISCONNECT. The DISCONNECT releases the
 * nickname at once, so a frame the old connection still sends, before the server has
 * closed it, would otherwise be broadcast under a nickname someone else may hold by then.
 * Spring's own DISCONNECT for a closed socket still passes: it cleans up.
 */
@Component
public class DisconnectedSessionGuard implements ChannelInterceptor {

	private static final String DISCONNECTED_ATTRIBUTE = DisconnectedSessionGuard.class.getName() + ".disconnected";

	private final ClientReplies replies;

	DisconnectedSessionGuard(ClientReplies replies) {
		this.replies = replies;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		Map<String, Object> attributes = (accessor != null) ? accessor.getSessionAttributes() : null;
		if (attributes == null) {
			return message;
		}
		if (accessor.getCommand() == StompCommand.DISCONNECT) {
			attributes.put(DISCONNECTED_ATTRIBUTE, Boolean.TRUE);
			return message;
		}
		if (attributes.containsKey(DISCONNECTED_ATTRIBUTE)) {
			this.replies.refused(accessor.getSessionId(), ClosingRefusal.AFTER_DISCONNECT,
					"a " + accessor.getCommand() + " frame after DISCONNECT was dropped.");
			return null;
		}
		return message;
	}

}
