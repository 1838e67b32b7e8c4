package dev.stompchat.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty clients sending at once, each from its own thread: every client receives every
 * message exactly once, all in one order, each sender's messages in the order sent, and
 * history agrees.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.history.size=1000")
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

			CountDownLatch start = new CountDownLatch(1);
			List<Thread> senders = clients.stream().map((client) -> new Thread(() -> {
				awaitQuietly(start);
				IntStream.range(0, MESSAGES_EACH).forEach((i) -> client.say("stampede", "m" + i));
			})).toList();
			senders.forEach(Thread::start);
			start.countDown();
			for (Thread sender : senders) {
				sender.join();
			}

			List<List<JsonNode>> received = new ArrayList<>();
			for (BlockingQueue<JsonNode> inbox : inboxes) {
				List<JsonNode> messages = new ArrayList<>();
				for (int i = 0; i < CLIENTS * MESSAGES_EACH; i++) {
					messages.add(next(inbox));
				}
				received.add(messages);
			}
			clients.get(0).awaitProcessed();

			List<JsonNode> order = received.get(0);
			assertThat(new HashSet<>(order.stream().map((message) -> message.get("id").asString()).toList()))
				.hasSize(CLIENTS * MESSAGES_EACH);
			assertThat(received).allSatisfy((messages) -> assertThat(messages).isEqualTo(order));
			assertThat(inboxes).allSatisfy((inbox) -> assertThat(inbox).isEmpty());
			for (int c = 0; c < CLIENTS; c++) {
				String sender = "sender" + c;
				assertThat(order.stream()
					.filter((message) -> message.get("sender").asString().equals(sender))
					.map((message) -> message.get("text").asString()))
					.containsExactlyElementsOf(IntStream.range(0, MESSAGES_EACH).mapToObj((i) -> "m" + i).toList());
			}
			JsonNode history = clients.get(0).request("/app/rooms.stampede.history");
			assertThat(history.get("messages").valueStream().toList()).isEqualTo(order);
		}
		finally {
			clients.forEach(StompTestClient::close);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
