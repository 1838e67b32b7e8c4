package dev.stompchat.support;

import java.util.concurrent.BlockingQueue;

import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An innocent member of a room while someone else misbehaves there. The room has one
 * order, so when what the bystander says next is the next chat message it receives,
 * nothing that was refused meanwhile was broadcast; and the bystander kept chatting.
 */
public final class Bystander implements AutoCloseable {

	private final StompTestClient client;

	private final String room;

	private final BlockingQueue<JsonNode> inbox;

	private Bystander(StompTestClient client, String room) {
		this.client = client;
		this.room = room;
		this.inbox = client.join(room);
	}

	public static Bystander joins(int port, String room) {
		return new Bystander(StompTestClient.connect(port, Transport.WEBSOCKET, "innocent"), room);
	}

	/** The chat messages the bystander received in its room. */
	public BlockingQueue<JsonNode> inbox() {
		return this.inbox;
	}

	public StompTestClient client() {
		return this.client;
	}

	/** Say something: it must be the next chat message the room broadcast. */
	public void keepsChattingWithNothingBroadcastBefore() {
		this.client.say(this.room, "still here");
		assertThat(next(this.inbox).get("text").asString()).isEqualTo("still here");
	}

	@Override
	public void close() {
		this.client.close();
	}

}
