package dev.stompchat.chat;

/**
 * What a message broadcast to a room is: something a person said, someone arriving or
 * leaving, or, in a large room, who arrived and left within a short window.
 */
public enum MessageType {

	CHAT, JOIN, LEAVE, PRESENCE

}
