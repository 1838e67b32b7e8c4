package dev.stompchat.baseline;

import java.time.Instant;

/**
 * A message as every subscriber of a room receives it, in the JSON form of stomp-chat's
 * own {@code ChatMessage}.
 */
record ChatMessage(String id, String room, String sender, String text, Instant sentAt, String type) {

	static final String CHAT = "CHAT";

}
