package dev.stompchat.chat;

/**
 * Keeps state derived from the rooms' message stream, such as history or presence. Fed
 * every message in the order it is broadcast, one room at a time, so an implementation
 * may be fed from a broker instead of the local stream.
 */
public interface RoomMessageListener {

	void onMessage(ChatMessage message);

}
