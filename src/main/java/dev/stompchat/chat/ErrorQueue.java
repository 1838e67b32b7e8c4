package dev.stompchat.chat;

import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

/**
 * Sends a {@link ChatError} to one connection's {@code /user/queue/errors}, for refusals
 * made before a frame reaches a controller.
 */
@Component
public class ErrorQueue {

	private final SimpMessageSendingOperations broker;

	private final RefusalCounter refusals;

	// Lazy: the broker's configuration needs the interceptors that report through this.
	ErrorQueue(@Lazy SimpMessageSendingOperations broker, RefusalCounter refusals) {
		this.broker = broker;
		this.refusals = refusals;
	}

	public void send(String sessionId, ChatError error) {
		this.refusals.count(error.code());
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setLeaveMutable(true);
		this.broker.convertAndSendToUser(sessionId, ChatErrorReplies.ERROR_QUEUE, error, headers.getMessageHeaders());
	}

}
