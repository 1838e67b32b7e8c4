package dev.stompchat.chat;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Answers a refused SEND on the sender's own {@code /user/queue/errors}, leaving the
 * connection open.
 */
@ControllerAdvice
class ChatErrorReplies {

	static final String ERROR_QUEUE = "/queue/errors";

	private final RefusalCounter refusals;

	ChatErrorReplies(RefusalCounter refusals) {
		this.refusals = refusals;
	}

	@MessageExceptionHandler
	@SendToUser(destinations = ERROR_QUEUE, broadcast = false)
	ChatError refused(ChatException ex, @Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination,
			@Header(name = ChatController.RECEIPT_HEADER, required = false) String receipt) {
		this.refusals.count(ex.getCode());
		return new ChatError(ex.getCode(), ex.getMessage(), destination, receipt);
	}

	@MessageExceptionHandler({ MessageConversionException.class, MethodArgumentNotValidException.class })
	@SendToUser(destinations = ERROR_QUEUE, broadcast = false)
	ChatError unreadable(@Header(SimpMessageHeaderAccessor.DESTINATION_HEADER) String destination,
			@Header(name = ChatController.RECEIPT_HEADER, required = false) String receipt) {
		this.refusals.count(ChatErrorCode.INVALID_JSON);
		return new ChatError(ChatErrorCode.INVALID_JSON,
				"The body is not valid JSON: send a JSON object such as {\"text\":\"hello\"}.", destination, receipt);
	}

}
