package dev.stompchat.presence;

import java.time.Instant;

/**
 * Someone in a room, counted once however many connections they have there.
 */
public record Member(String nickname, Instant since) {
}
