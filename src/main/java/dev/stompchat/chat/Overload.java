package dev.stompchat.chat;

/**
 * Whether the server is past what it can deliver in time, so that chat messages are
 * refused with {@code OVERLOADED} rather than queued ever longer. The chat asks this and
 * knows nothing of how it is measured; it sees for itself how long a message waited to be
 * handled, from the {@link #ARRIVAL_HEADER} the server stamps every frame with.
 */
public interface Overload {

	/** The header with the {@link System#nanoTime()} at which a frame arrived. */
	String ARRIVAL_HEADER = "stompchat.arrival";

	/** Whether frames wait longer than {@code chat.overload.max-wait} to be written. */
	boolean isOverloaded();

}
