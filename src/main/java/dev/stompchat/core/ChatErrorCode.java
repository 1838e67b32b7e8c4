package dev.stompchat.core;

/**
 * Stable codes of the errors a client receives on {@code /user/queue/errors}. Clients
 * match on these; never rename one.
 */
public enum ChatErrorCode {

	INVALID_JSON, TEXT_EMPTY, TEXT_TOO_LONG, INVALID_TEXT, INVALID_ROOM, UNKNOWN_DESTINATION, RATE_LIMITED, OVERLOADED,
	TOO_MANY_SUBSCRIPTIONS, BROKER_UNAVAILABLE

}
