package dev.stompchat.connection;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends a STOMP ERROR frame to one connection; Spring closes the connection once the
 * frame is written.
 * <p>Inbound interceptors refuse frames through this rather than by throwing: with
 * receive order preserved, Spring swallows what an interceptor throws and the client
 * would hear nothing (spring-framework#33937).
 */
@Component
public class ErrorFrameSender {

	private static final byte[] EMPTY = new byte[0];

	private final MessageChannel clientOutboundChannel;

	ErrorFrameSender(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.clientOutboundChannel = clientOutboundChannel;
	}

	public void send(String sessionId, String message, String receiptId) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setSessionId(sessionId);
		error.setMessage(message);
		if (receiptId != null) {
			error.setReceiptId(receiptId);
		}
		this.clientOutboundChannel.send(MessageBuilder.createMessage(EMPTY, error.getMessageHeaders()));
	}

}
