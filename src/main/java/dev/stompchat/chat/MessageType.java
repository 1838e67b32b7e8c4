package dev.stompchat.chat;

/**
 * What a message broadcast to a room is.
 */
public enum MessageType {

	CHAT

}
