package dev.stompchat.core;

/**
 * Why a frame was refused with an ERROR frame or a close, which end the connection, or
 * dropped on a connection that is ending: the {@code reason} of
 * {@code chat.refusals.closing}. Refusals that leave the connection open have a
 * {@link ChatErrorCode} instead.
 */
public enum ClosingRefusal {

	/** A CONNECT without a nickname, or with one that is not allowed. */
	INVALID_NICKNAME,

	/** A CONNECT with a nickname, or a look-alike of one, that someone else holds. */
	NICKNAME_TAKEN,

	/**
	 * A CONNECT while the instance has lost the broker that decides nickname claims
	 * ({@code chat.broker=rabbitmq}).
	 */
	BROKER_UNAVAILABLE,

	/** A SEND or SUBSCRIBE to a destination that clients may not use. */
	FORBIDDEN_DESTINATION,

	/** Closed for flooding: too many frames refused within the rejection window. */
	FLOODING,

	/** A frame larger than {@code chat.max-frame-bytes}. */
	FRAME_TOO_LARGE,

	/** A frame with more headers than {@code chat.max-headers}. */
	TOO_MANY_HEADERS,

	/**
	 * A frame that is not well-formed STOMP, a binary message, or text that is not UTF-8.
	 */
	MALFORMED_FRAME,

	/** A frame whose rest did not arrive within {@code chat.incomplete-frame-timeout}. */
	INCOMPLETE_FRAME,

	/** No CONNECT frame within {@code chat.connect-timeout}. */
	CONNECT_TIMEOUT,

	/** A frame other than CONNECT on a connection that has not connected. */
	FRAME_BEFORE_CONNECT,

	/** A frame that Spring could not process, such as a second CONNECT. */
	UNPROCESSABLE_FRAME,

	/** A frame sent after DISCONNECT, dropped while the connection closes. */
	AFTER_DISCONNECT

}
