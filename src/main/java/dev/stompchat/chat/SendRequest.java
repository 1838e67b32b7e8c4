package dev.stompchat.chat;

/**
 * The body of a SEND to {@code /app/rooms.{room}.send}. Any other field a client puts
 * in it, such as a {@code sender}, is ignored.
 */
public record SendRequest(String text) {
}
