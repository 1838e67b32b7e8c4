package dev.stompchat.core;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * What one connection is told about its own frames, outside any subscription, and the one
 * way every refusal leaves the server:
 * <ul>
 * <li>a refusal that leaves the connection open goes to the connection's
 * {@code /user/queue/errors} as a {@link ChatError}, counted in {@code chat.refusals};
 * <li>a refusal that ends the connection is an ERROR frame (after which Spring closes
 * it), logged as one line by the {@link RefusalLog} and counted in
 * {@code chat.refusals.closing} with its {@link ClosingRefusal reason};
 * <li>an accepted frame that asked for one gets its RECEIPT.
 * </ul>
 * Inbound interceptors refuse frames through this rather than by throwing: with receive
 * order preserved, Spring swallows what an interceptor throws and the client would hear
 * nothing (spring-framework#33937). Receipts for SEND, SUBSCRIBE and UNSUBSCRIBE are sent
 * from here because Spring's simple broker sends RECEIPT frames only for DISCONNECT.
 */
@Component
public class ClientReplies {

	/** Where a connection's refusals arrive, as it subscribes to it. */
	public static final String ERROR_QUEUE = "/user/queue/errors";

	/** The same, as the broker's user destination resolution needs it. */
	public static final String USER_ERROR_DESTINATION = "/queue/errors";

	/** The RECEIPT header that carries the id the room gave an accepted message. */
	public static final String MESSAGE_ID_HEADER = "message-id";

	private static final byte[] EMPTY = new byte[0];

	private final MessageChannel clientOutboundChannel;

	private final SimpMessageSendingOperations broker;

	private final RefusalCounter counter;

	private final RefusalLog log;

	// Lazy: the broker's configuration needs the interceptors that reply through this.
	ClientReplies(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel,
			@Lazy SimpMessageSendingOperations broker, RefusalCounter counter, RefusalLog log) {
		this.clientOutboundChannel = clientOutboundChannel;
		this.broker = broker;
		this.counter = counter;
		this.log = log;
	}

	/** Refuse a frame and keep the connection: the error goes to its error queue. */
	public void refuse(String sessionId, ChatError error) {
		this.counter.count(error.code());
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(sessionId);
		headers.setLeaveMutable(true);
		this.broker.convertAndSendToUser(sessionId, USER_ERROR_DESTINATION, error, headers.getMessageHeaders());
	}

	/**
	 * Refuse a frame with an ERROR frame, logged and counted as a refusal; Spring then
	 * closes the connection.
	 */
	public void refuseAndClose(String sessionId, ClosingRefusal reason, String sentence, @Nullable String receiptId) {
		refused(sessionId, reason, sentence);
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(sentence);
		send(sessionId, error, receiptId);
	}

	/**
	 * Record a refusal the client learns of otherwise (a close with a reason) or not at
	 * all (a frame dropped after its DISCONNECT).
	 */
	public void refused(String sessionId, ClosingRefusal reason, String sentence) {
		this.counter.count(reason);
		this.log.refused(sessionId, sentence);
	}

	/**
	 * Count a refusal whose ERROR frame Spring's STOMP handler sends itself, such as for
	 * a frame before CONNECT. It is not logged: Spring does not say which session sent
	 * the frame.
	 */
	public void refusedBySpring(ClosingRefusal reason) {
		this.counter.count(reason);
	}

	public void receipt(String sessionId, String receiptId) {
		send(sessionId, StompHeaderAccessor.create(StompCommand.RECEIPT), receiptId);
	}

	/** The RECEIPT of an accepted SEND, naming the id the room gave its message. */
	public void receipt(String sessionId, String receiptId, String messageId) {
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		receipt.setNativeHeader(MESSAGE_ID_HEADER, messageId);
		send(sessionId, receipt, receiptId);
	}

	private void send(String sessionId, StompHeaderAccessor frame, @Nullable String receiptId) {
		frame.setSessionId(sessionId);
		if (receiptId != null) {
			frame.setReceiptId(receiptId);
		}
		this.clientOutboundChannel.send(MessageBuilder.createMessage(EMPTY, frame.getMessageHeaders()));
	}

}
