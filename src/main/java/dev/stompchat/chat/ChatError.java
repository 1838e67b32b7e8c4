package dev.stompchat.chat;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a client receives on {@code /user/queue/errors} when a frame it sent is refused.
 *
 * @param code stable code to match on
 * @param message sentence for a person
 * @param destination where the refused frame was sent, as an {@link Excerpt}
 * @param receipt the {@code receipt} header of the refused frame, so the client can match
 * the error to what it sent; absent when the frame had none
 */
public record ChatError(ChatErrorCode code, String message, String destination,
		@JsonInclude(JsonInclude.Include.NON_NULL) String receipt) {

	/** Where a client subscribes for the errors of the frames it sent. */
	public static final String USER_DESTINATION = "/user/queue/errors";

	public ChatError {
		destination = (destination != null) ? Excerpt.of(destination) : null;
	}

}
