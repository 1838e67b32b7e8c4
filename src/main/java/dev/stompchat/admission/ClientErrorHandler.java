package dev.stompchat.admission;

import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.ClientReplies;
import dev.stompchat.core.ClosingRefusal;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Words the ERROR frame for a frame Spring could not decode or deliver as a plain
 * sentence; Spring's own handler would hand the client internal exception text. Such a
 * refusal is counted in {@code chat.refusals.closing} like any other that ends the
 * connection.
 */
@Component
public class ClientErrorHandler extends StompSubProtocolErrorHandler {

	private final int frameLimit;

	private final ClientReplies replies;

	ClientErrorHandler(ChatProperties properties, ClientReplies replies) {
		this.frameLimit = properties.frameLimit();
		this.replies = replies;
	}

	@Override
	protected Message<byte[]> handleInternal(StompHeaderAccessor errorHeaders, byte[] errorPayload, Throwable cause,
			StompHeaderAccessor clientHeaders) {
		// without a cause, the ERROR frame is one of this server's own, counted already
		if (cause != null) {
			this.replies.refusedBySpring(reasonFor(cause));
			errorHeaders.setMessage(describe(cause));
		}
		return super.handleInternal(errorHeaders, errorPayload, cause, clientHeaders);
	}

	/**
	 * A fixed sentence for what went wrong: never the exception's own text, which may
	 * name internal classes or echo what the client sent.
	 */
	String describe(Throwable cause) {
		String detail = String.valueOf(cause.getMessage());
		if (cause instanceof StompConversionException) {
			return describeConversion(detail);
		}
		if (cause instanceof NumberFormatException) {
			return "Malformed STOMP frame: content-length must be a number of bytes.";
		}
		if (cause instanceof InvalidMimeTypeException) {
			return "Malformed STOMP frame: content-type is not a valid media type.";
		}
		if (cause instanceof IllegalArgumentException && detail.startsWith("No enum constant")) {
			return "Malformed STOMP frame: unknown command.";
		}
		if (cause instanceof IllegalStateException && detail.startsWith("Unknown session")) {
			return "Send CONNECT before any other frame.";
		}
		return "The server could not process the frame.";
	}

	/** Why the frame was refused, for {@code chat.refusals.closing}. */
	ClosingRefusal reasonFor(Throwable cause) {
		String detail = String.valueOf(cause.getMessage());
		if (cause instanceof StompConversionException) {
			return detail.contains("limit") ? ClosingRefusal.FRAME_TOO_LARGE : ClosingRefusal.MALFORMED_FRAME;
		}
		if (cause instanceof NumberFormatException || cause instanceof InvalidMimeTypeException
				|| (cause instanceof IllegalArgumentException && detail.startsWith("No enum constant"))) {
			return ClosingRefusal.MALFORMED_FRAME;
		}
		if (cause instanceof IllegalStateException && detail.startsWith("Unknown session")) {
			return ClosingRefusal.FRAME_BEFORE_CONNECT;
		}
		return ClosingRefusal.UNPROCESSABLE_FRAME;
	}

	private String describeConversion(String detail) {
		if (detail.contains("limit")) {
			return "The frame is larger than the " + this.frameLimit + "-byte limit.";
		}
		if (detail.startsWith("Frame must be terminated")) {
			return "Malformed STOMP frame: the body must end with a NUL octet right after content-length bytes.";
		}
		if (detail.startsWith("'\\r' must be followed")) {
			return "Malformed STOMP frame: a carriage return must be followed by a line feed.";
		}
		if (detail.startsWith("Illegal header")) {
			return "Malformed STOMP frame: a header must be of the form name:value.";
		}
		if (detail.startsWith("Illegal escape")) {
			return "Malformed STOMP frame: a header contains an illegal escape sequence.";
		}
		if (detail.contains("shouldn't have a payload")) {
			return "Malformed STOMP frame: this command must not have a body.";
		}
		return "Malformed STOMP frame.";
	}

}
