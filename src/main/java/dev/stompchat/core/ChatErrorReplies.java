package dev.stompchat.core;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Answers a frame that a controller refused, with a {@link ChatException} or because its
 * body could not be read, on the sender's own {@code /user/queue/errors}, leaving the
 * connection open.
 */
@ControllerAdvice
class ChatErrorReplies {

	private final ClientReplies replies;

	ChatErrorReplies(ClientReplies replies) {
		this.replies = replies;
	}

	@MessageExceptionHandler
	void refused(ChatException ex, @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId,
			@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination,
			@Header(name = StompHeaderAccessor.STOMP_RECEIPT_HEADER, required = false) @Nullable String receipt) {
		this.replies.refuse(sessionId, new ChatError(ex.getCode(), ex.getMessage(), destination, receipt));
	}

	@MessageExceptionHandler({ MessageConversionException.class, MethodArgumentNotValidException.class })
	void unreadable(@Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId,
			@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination,
			@Header(name = StompHeaderAccessor.STOMP_RECEIPT_HEADER, required = false) @Nullable String receipt) {
		this.replies.refuse(sessionId, new ChatError(ChatErrorCode.INVALID_JSON,
				"The body is not valid JSON: send a JSON object such as {\"text\":\"hello\"}.", destination, receipt));
	}

}
