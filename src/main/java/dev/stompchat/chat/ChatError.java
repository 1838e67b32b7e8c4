package dev.stompchat.chat;

/**
 * What a client receives on {@code /user/queue/errors} when a frame it sent is refused.
 *
 * @param code stable code to match on
 * @param message sentence for a person
 * @param destination where the refused frame was sent
 */
public record ChatError(ChatErrorCode code, String message, String destination) {
}
