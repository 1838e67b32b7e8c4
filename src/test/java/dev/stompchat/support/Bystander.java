package dev.stompchat.support;

import java.util.concurrent.BlockingQueue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An innocent member of a room while a test misbehaves there, registered with
 * {@code @RegisterExtension}: joins before each test and, after it, says something that
 * must be the next chat message the room broadcasts (the room has one order, so nothing
 * refused meanwhile was broadcast), then leaves; and the server's health is still UP.
 */
public final class Bystander implements BeforeEachCallback, AfterEachCallback {

	private final String room;

	private StompTestClient client;

	private BlockingQueue<JsonNode> inbox;

	private Bystander(String room) {
		this.room = room;
	}

	public static Bystander inRoom(String room) {
		return new Bystander(room);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.client = StompTestClient.connect(port(context), Transport.WEBSOCKET, "innocent");
		this.inbox = this.client.join(this.room);
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		try {
			this.client.say(this.room, "still here");
			assertThat(next(this.inbox).get("text").asString()).isEqualTo("still here");
		}
		finally {
			this.client.close();
		}
		ServerChecks.assertHealthIsUp(port(context));
	}

	/** The chat messages the bystander received in its room. */
	public BlockingQueue<JsonNode> inbox() {
		return this.inbox;
	}

	public StompTestClient client() {
		return this.client;
	}

	private static int port(ExtensionContext context) {
		return SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
	}

}
