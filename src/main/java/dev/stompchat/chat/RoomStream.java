package dev.stompchat.chat;

import java.util.concurrent.CompletableFuture;

/**
 * Where rooms' messages are put in order and numbered: this instance's memory, or a
 * broker shared by several instances. Whatever the stream holds reaches the
 * {@link RoomDelivery} of every instance, one room at a time in the room's order.
 */
public interface RoomStream {

	/**
	 * Put a message in its room's order.
	 * @return completes with the message as numbered once it is stored and delivered
	 * here, or exceptionally with a {@link dev.stompchat.core.ChatException} when it
	 * could not be stored
	 */
	CompletableFuture<ChatMessage> append(MessageDraft draft);

	/** Whether messages can be stored now. */
	boolean isAvailable();

}
