package dev.stompchat.chat;

/**
 * What a message broadcast to a room is: something a person said, or someone arriving
 * or leaving.
 */
public enum MessageType {

	CHAT, JOIN, LEAVE

}
