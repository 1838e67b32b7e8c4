package dev.stompchat.core;

/**
 * Published while the application stops, once the drain is over and every client has been
 * sent away with 1001 (going away), before the web server and the broker stop. Each
 * connection has ended as a closed socket does, so Spring's
 * {@code SessionDisconnectEvent} for it came first; a listener can still reach the rest
 * of the application, to tell other instances that this one is gone, say.
 *
 * @param closed how many connections were open when the drain was over, and were closed
 * @param stillOpen how many connections were still open when the wait for them to close
 * (the send-time limit) was over
 */
public record ConnectionsClosedOnShutdown(int closed, int stillOpen) {

}
