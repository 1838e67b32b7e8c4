package dev.stompchat.presence;

import java.util.List;

/**
 * The answer to {@code SUBSCRIBE /app/rooms.{room}.members}.
 */
record RoomMembers(String room, List<Member> members) {
}
