package dev.stompchat.connection;

import dev.stompchat.chat.RefusalLog;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends frames that answer one connection directly, outside any subscription: ERROR
 * (after which Spring closes the connection) and RECEIPT.
 * <p>Inbound interceptors refuse frames through this rather than by throwing: with
 * receive order preserved, Spring swallows what an interceptor throws and the client
 * would hear nothing (spring-framework#33937). Receipts for SEND are sent from here
 * because Spring's simple broker sends RECEIPT frames only for DISCONNECT.
 */
@Component
public class ClientFrameSender {

	/**
	 * The header of the RECEIPT for an accepted SEND that carries the id the room gave the
	 * message, so that the sender can tell its own message in the room by its id.
	 */
	public static final String MESSAGE_ID_HEADER = "message-id";

	private static final byte[] EMPTY = new byte[0];

	private final MessageChannel clientOutboundChannel;

	private final RefusalLog refusals;

	ClientFrameSender(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			RefusalLog refusals) {
		this.clientOutboundChannel = clientOutboundChannel;
		this.refusals = refusals;
	}

	/** Refuse a frame with an ERROR frame, logged as a refusal; Spring then closes the connection. */
	public void sendError(String sessionId, String message, String receiptId) {
		this.refusals.refused(sessionId, message);
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(message);
		send(sessionId, error, receiptId);
	}

	public void sendReceipt(String sessionId, String receiptId) {
		send(sessionId, StompHeaderAccessor.create(StompCommand.RECEIPT), receiptId);
	}

	/** The RECEIPT for an accepted SEND: it names the message the room made of it. */
	public void sendReceipt(String sessionId, String receiptId, String messageId) {
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		receipt.setNativeHeader(MESSAGE_ID_HEADER, messageId);
		send(sessionId, receipt, receiptId);
	}

	private void send(String sessionId, StompHeaderAccessor frame, String receiptId) {
		frame.setSessionId(sessionId);
		if (receiptId != null) {
			frame.setReceiptId(receiptId);
		}
		this.clientOutboundChannel.send(MessageBuilder.createMessage(EMPTY, frame.getMessageHeaders()));
	}

}
