package dev.stompchat.chat;

/**
 * Whether the server is past what it can deliver in time, so that chat messages are
 * refused with {@code OVERLOADED} rather than queued ever longer. The chat asks this and
 * knows nothing of how it is measured.
 */
public interface Overload {

	boolean isOverloaded();

}
