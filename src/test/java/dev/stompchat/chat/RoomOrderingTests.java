package dev.stompchat.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.IntStream;

import dev.stompchat.support.Stampede;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty clients sending at once, each from its own thread: every client receives every
 * message exactly once, all in one order, each sender's messages in the order sent, and
 * history agrees.
 * <p>
 * The overload bound is raised to a minute: on a server just started, the last messages
 * of a burst of a hundred or more may wait longer than the default bound to be handled
 * and be refused, which is {@code OverloadTests}' business, not this test's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.history.size=1000", "chat.history.max-answer-bytes=1MB", "chat.overload.max-wait=1m" })
class RoomOrderingTests {

	private static final int CLIENTS = 50;

	private static final int MESSAGES_EACH = 10;

	@LocalServerPort
	int port;

	@Test
	void fiftyConcurrentSendersProduceOneOrderForEveryoneAndForHistory() throws Exception {
		List<StompTestClient> clients = new ArrayList<>();
		try {
			List<BlockingQueue<JsonNode>> inboxes = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				StompTestClient client = StompTestClient.connect(this.port, Transport.WEBSOCKET, "sender" + i);
				clients.add(client);
				inboxes.add(client.join("stampede"));
			}

			Stampede.sendConcurrently(clients, "stampede", MESSAGES_EACH);

			List<JsonNode> order = Stampede.assertOneOrder(inboxes,
					IntStream.range(0, CLIENTS).mapToObj((i) -> "sender" + i).toList(), MESSAGES_EACH);
			clients.get(0).awaitProcessed();
			assertThat(inboxes).allSatisfy((inbox) -> assertThat(inbox).isEmpty());
			JsonNode history = clients.get(0).request("/app/rooms.stampede.history");
			assertThat(history.get("messages").valueStream().toList()).isEqualTo(order);
		}
		finally {
			clients.forEach(StompTestClient::close);
		}
	}

}
