package dev.stompchat.connection;

import dev.stompchat.system.ChatProperties;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Words the ERROR frame for a frame Spring could not decode or deliver as a plain
 * sentence; Spring's own handler would hand the client internal exception text.
 */
@Component
public class ClientErrorHandler extends StompSubProtocolErrorHandler {

	private final int frameLimit;

	ClientErrorHandler(ChatProperties properties) {
		this.frameLimit = properties.frameLimit();
	}

	@Override
	protected Message<byte[]> handleInternal(StompHeaderAccessor errorHeaders, byte[] errorPayload, Throwable cause,
			StompHeaderAccessor clientHeaders) {
		if (cause != null) {
			errorHeaders.setMessage(describe(cause));
		}
		return super.handleInternal(errorHeaders, errorPayload, cause, clientHeaders);
	}

	String describe(Throwable cause) {
		if (cause instanceof StompConversionException && cause.getMessage().contains("limit")) {
			return "The frame is larger than the " + this.frameLimit + "-byte limit.";
		}
		if (cause instanceof StompConversionException) {
			return "Malformed STOMP frame: " + cause.getMessage();
		}
		if (cause instanceof IllegalArgumentException && cause.getMessage().startsWith("No enum constant")) {
			return "Malformed STOMP frame: unknown command.";
		}
		if (cause instanceof IllegalStateException && cause.getMessage().startsWith("Unknown session")) {
			return "Send CONNECT before any other frame.";
		}
		return "The server could not process the frame.";
	}

}
