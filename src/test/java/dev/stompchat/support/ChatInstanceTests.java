package dev.stompchat.support;

import java.util.concurrent.BlockingQueue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An instance in a process of its own chats like the one in the test's JVM, and stops
 * when told to.
 */
class ChatInstanceTests {

	@Test
	void instanceChatsAndEndsOnSigterm() {
		try (ChatInstance instance = ChatInstance.start("chat-instance")) {
			try (StompTestClient alice = StompTestClient.connect(instance.port(), Transport.WEBSOCKET, "alice")) {
				BlockingQueue<JsonNode> room = alice.join("general");
				alice.say("general", "hello from another process");

				assertThat(next(room).get("text").asString()).isEqualTo("hello from another process");
			}

			assertThat(instance.terminate()).isEqualTo(143);
			assertThat(instance.isAlive()).isFalse();
			assertThat(instance.logTail()).contains("Commencing graceful shutdown");
		}
	}

	@Test
	void instanceThatCannotStartIsReportedWithItsLog() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ChatInstance.start("chat-instance-misconfigured", "--chat.heartbeat=500ms"))
			.withMessageContaining("before it was ready")
			.withMessageContaining("chat.heartbeat must be 0 (off) or at least 1s, but is PT0.5S");
	}

}
