package dev.stompchat.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one RabbitMQ: whatever is said on one reaches the clients of the
 * other, in one order per room, with the same ids, history and answers everywhere.
 */
@ExtendWith(RabbitMq.class)
class ClusterMessagingTests {

	@AutoClose
	private static ChatNode first;

	@AutoClose
	private static ChatNode second;

	@BeforeAll
	static void startTwoInstances(RabbitMqBroker broker) {
		// the senders below send faster than a person may
		first = ChatNode.start(broker.streamPrefix(), "chat.rate-limit.messages-per-second=1000",
				"chat.rate-limit.burst=1000");
		second = ChatNode.start(broker.streamPrefix(), "chat.rate-limit.messages-per-second=1000",
				"chat.rate-limit.burst=1000");
	}

	@Test
	void messagesCrossInstancesBothWaysWithTheSameIds() {
		try (StompTestClient alice = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "alice");
				StompTestClient bob = StompTestClient.connect(second.port(), Transport.SOCKJS_WEBSOCKET, "bob")) {
			BlockingQueue<JsonNode> aliceSees = alice.join("crossing");
			BlockingQueue<JsonNode> bobSees = bob.join("crossing");

			alice.say("crossing", "hello from the first");
			JsonNode onFirst = next(aliceSees);
			JsonNode onSecond = next(bobSees);
			bob.say("crossing", "hello from the second");

			assertThat(onSecond.get("text").asString()).isEqualTo("hello from the first");
			assertThat(onSecond.get("sender").asString()).isEqualTo("alice");
			assertThat(onSecond.get("id").asString()).isEqualTo(onFirst.get("id").asString());
			assertThat(next(aliceSees).get("text").asString()).isEqualTo("hello from the second");
			assertThat(next(bobSees).get("sender").asString()).isEqualTo("bob");
		}
	}

	@Test
	void concurrentSendersOnBothInstancesGetOneOrderEverywhere() throws Exception {
		int each = 40;
		try (StompTestClient watcherOne = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "watcher-one");
				StompTestClient watcherTwo = StompTestClient.connect(second.port(), Transport.WEBSOCKET, "watcher-two");
				StompTestClient carol = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "carol");
				StompTestClient dave = StompTestClient.connect(second.port(), Transport.WEBSOCKET, "dave");
				StompTestClient erin = StompTestClient.connect(second.port(), Transport.SOCKJS_WEBSOCKET, "erin")) {
			BlockingQueue<JsonNode> seenOnFirst = watcherOne.join("order");
			BlockingQueue<JsonNode> seenOnSecond = watcherTwo.join("order");
			List<CompletableFuture<Void>> senders = new ArrayList<>();
			for (StompTestClient sender : List.of(carol, dave, erin)) {
				senders.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < each; i++) {
						sender.sayWithReceipt("order", Integer.toString(i), "r" + i)
							.orTimeout(10, TimeUnit.SECONDS)
							.join();
					}
				}));
			}
			CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

			List<String> first = drain(seenOnFirst, 3 * each);
			List<String> second = drain(seenOnSecond, 3 * each);
			assertThat(second).isEqualTo(first);
			for (String sender : List.of("carol", "dave", "erin")) {
				assertThat(first.stream().filter((line) -> line.startsWith(sender + ":")).toList())
					.isEqualTo(IntStream.range(0, each).mapToObj((i) -> sender + ":" + i).toList());
			}
			JsonNode historyOnFirst = watcherOne.request("/app/rooms.order.history");
			JsonNode historyOnSecond = watcherTwo.request("/app/rooms.order.history");
			assertThat(historyOnSecond).isEqualTo(historyOnFirst);
			assertThat(historyOnFirst.get("messages").size()).isEqualTo(100);
		}
	}

	@Test
	void theBrokerLinkIsMeasured() throws Exception {
		try (StompTestClient pat = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "pat")) {
			pat.join("measured");
			pat.sayWithReceipt("measured", "count me", "r1").get(10, TimeUnit.SECONDS);
		}
		String metrics = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + first.port() + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(metrics).contains("chat_broker_linked 1.0")
			.containsPattern("chat_broker_published_total [1-9]")
			.containsPattern("chat_broker_consumed_total [1-9]")
			.containsPattern("chat_broker_confirm_seconds_count [1-9]")
			.contains("chat_broker_lag ");
	}

	private static List<String> drain(BlockingQueue<JsonNode> queue, int count) {
		List<String> lines = new ArrayList<>();
		long previousId = -1;
		for (int i = 0; i < count; i++) {
			JsonNode message = next(queue);
			long id = Long.parseLong(message.get("id").asString());
			assertThat(id).as("ids rise").isGreaterThan(previousId);
			previousId = id;
			lines.add(message.get("sender").asString() + ":" + message.get("text").asString());
		}
		return lines;
	}

}
