package dev.stompchat.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients sending to one room at once, each from its own thread, and the ordering
 * every member must then see.
 */
public final class Stampede {

	private Stampede() {
	}

	/**
	 * Each client says {@code m0} to {@code m<each-1>} in the room, all starting
	 * together.
	 */
	public static void sendConcurrently(List<StompTestClient> clients, String room, int each)
			throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> senders = clients.stream().map((client) -> new Thread(() -> {
			try {
				start.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			IntStream.range(0, each).forEach((i) -> client.say(room, "m" + i));
		})).toList();
		senders.forEach(Thread::start);
		start.countDown();
		for (Thread sender : senders) {
			sender.join();
		}
	}

	/**
	 * Take every message from each inbox and check that all got the same messages, each
	 * once, in one order that keeps each sender's own order.
	 * @return that order
	 */
	public static List<JsonNode> assertOneOrder(List<BlockingQueue<JsonNode>> inboxes, List<String> senders, int each) {
		List<List<JsonNode>> received = new ArrayList<>();
		for (BlockingQueue<JsonNode> inbox : inboxes) {
			List<JsonNode> messages = new ArrayList<>();
			for (int i = 0; i < senders.size() * each; i++) {
				messages.add(next(inbox));
			}
			received.add(messages);
		}
		List<JsonNode> order = received.get(0);
		assertThat(new HashSet<>(order.stream().map((message) -> message.get("id").asString()).toList()))
			.hasSize(senders.size() * each);
		assertThat(received).allSatisfy((messages) -> assertThat(messages).isEqualTo(order));
		List<String> sentInOrder = IntStream.range(0, each).mapToObj((i) -> "m" + i).toList();
		for (String sender : senders) {
			assertThat(order.stream()
				.filter((message) -> message.get("sender").asString().equals(sender))
				.map((message) -> message.get("text").asString())).containsExactlyElementsOf(sentInOrder);
		}
		return order;
	}

}
