package dev.stompchat.baseline;

/**
 * What a client sends to {@code /app/rooms.{room}.send}.
 */
record SendRequest(String text) {

}
