package dev.stompchat.presence;

/**
 * A room with people in it, as listed by {@code SUBSCRIBE /app/rooms}.
 */
public record ActiveRoom(String room, int members) {
}
