package dev.stompchat.core;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Answers a SUBSCRIBE or UNSUBSCRIBE that carries a {@code receipt} header with a
 * RECEIPT, as STOMP asks; Spring's simple broker sends receipts for DISCONNECT only. The
 * RECEIPT goes once the broker has handled the frame, so a subscription is in place when
 * its receipt arrives. A refused frame never gets that far: its refusal carries the
 * receipt id instead.
 */
@Component
public class SubscriptionReceipts implements ExecutorChannelInterceptor {

	private final ClientReplies replies;

	SubscriptionReceipts(ClientReplies replies) {
		this.replies = replies;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception ex) {
		if (!(handler instanceof AbstractBrokerMessageHandler) || ex != null) {
			return;
		}
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getReceipt() == null || accessor.getSessionId() == null) {
			return;
		}
		if (accessor.getCommand() == StompCommand.SUBSCRIBE || accessor.getCommand() == StompCommand.UNSUBSCRIBE) {
			this.replies.receipt(accessor.getSessionId(), accessor.getReceipt());
		}
	}

}
