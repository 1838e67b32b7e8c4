package dev.stompchat.baseline;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Controller;

/**
 * Broadcasts what a client sends to {@code /app/rooms.{room}.send} to
 * {@code /topic/rooms.{room}}, and answers the SEND's receipt.
 */
@Controller
class ChatController {

	// without Spring Security a connection has no user: its CONNECT login names no one
	private static final String ANONYMOUS = "anonymous";

	private static final byte[] EMPTY = new byte[0];

	private final AtomicLong ids = new AtomicLong();

	private final SimpMessagingTemplate broker;

	private final MessageChannel clientOutboundChannel;

	ChatController(SimpMessagingTemplate broker,
			@Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.broker = broker;
		this.clientOutboundChannel = clientOutboundChannel;
	}

	@MessageMapping("rooms.{room}.send")
	void send(@DestinationVariable String room, SendRequest request, Optional<Principal> user,
			@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId,
			@Header(name = StompHeaderAccessor.STOMP_RECEIPT_HEADER, required = false) @Nullable String receipt) {
		String sender = user.map(Principal::getName).orElse(ANONYMOUS);
		ChatMessage message = new ChatMessage(Long.toString(this.ids.incrementAndGet()), room, sender, request.text(),
				Instant.now(), ChatMessage.CHAT);
		this.broker.convertAndSend("/topic/rooms." + room, message);
		if (receipt != null) {
			receipt(sessionId, receipt);
		}
	}

	/**
	 * Spring's simple broker answers only a DISCONNECT's receipt. stomp-chat answers
	 * every SEND's once the message is broadcast, and so does this, so that both write
	 * the same frames and the benchmark's drain waits for the same answers.
	 */
	private void receipt(String sessionId, String receiptId) {
		StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
		receipt.setSessionId(sessionId);
		receipt.setReceiptId(receiptId);
		this.clientOutboundChannel.send(MessageBuilder.createMessage(EMPTY, receipt.getMessageHeaders()));
	}

}
