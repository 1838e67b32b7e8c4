package dev.stompchat.admission;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.stompchat.core.ChatError;
import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.ClientReplies;
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
 * Bounds the subscriptions one connection holds at once
 * ({@code chat.max-subscriptions-per-connection}): without a bound, one connection could
 * subscribe to thousands of made-up rooms, each of which would then exist with a member.
 * A SUBSCRIBE past the bound is dropped, so it creates nothing, and answered with
 * {@code TOO_MANY_SUBSCRIPTIONS}; the connection stays. Subscriptions to {@code /app}
 * destinations are answered once and held by nobody, so they do not count.
 */
@Component
public class SubscriptionLimit implements ChannelInterceptor {

	private static final String HELD_ATTRIBUTE = SubscriptionLimit.class.getName() + ".held";

	private final int maxSubscriptions;

	private final ClientReplies replies;

	SubscriptionLimit(ChatProperties properties, ClientReplies replies) {
		this.maxSubscriptions = properties.maxSubscriptionsPerConnection();
		this.replies = replies;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		Map<String, Object> attributes = (accessor != null) ? accessor.getSessionAttributes() : null;
		String subscriptionId = (accessor != null) ? accessor.getSubscriptionId() : null;
		if (attributes == null || subscriptionId == null) {
			return message;
		}
		@SuppressWarnings("unchecked")
		Set<String> held = (Set<String>) attributes.computeIfAbsent(HELD_ATTRIBUTE,
				(name) -> ConcurrentHashMap.newKeySet());
		if (accessor.getCommand() == StompCommand.UNSUBSCRIBE) {
			held.remove(subscriptionId);
			return message;
		}
		if (accessor.getCommand() != StompCommand.SUBSCRIBE || isAnsweredOnce(accessor.getDestination())
				|| held.contains(subscriptionId)) {
			return message;
		}
		if (held.size() >= this.maxSubscriptions) {
			this.replies.refuse(accessor.getSessionId(),
					new ChatError(ChatErrorCode.TOO_MANY_SUBSCRIPTIONS,
							"This connection holds its maximum of " + this.maxSubscriptions
									+ " subscriptions: unsubscribe from one before subscribing to another.",
							accessor.getDestination(), accessor.getReceipt()));
			return null;
		}
		held.add(subscriptionId);
		return message;
	}

	private static boolean isAnsweredOnce(String destination) {
		return destination != null && destination.startsWith(RoomName.APPLICATION_PREFIX);
	}

}
