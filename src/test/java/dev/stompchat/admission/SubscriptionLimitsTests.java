package dev.stompchat.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.Bystander;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions have a rate limit of their own (a burst of 5, then 1 a second here) and a
 * bound on how many one connection holds at once (3 here), so that one connection can
 * neither draw answers far larger than its requests nor make thousands of rooms exist.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "chat.rate-limit.subscription-burst=5",
		"chat.rate-limit.subscriptions-per-second=1", "chat.max-subscriptions-per-connection=3" })
class SubscriptionLimitsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@RegisterExtension
	final Bystander innocent = Bystander.inRoom("limits");

	@Test
	void subscriptionsOverTheirRateAreRefusedWithRateLimitedAndDoNotEatIntoTheSendBudget() throws Exception {
		try (RawStompSocket greedy = RawStompSocket.connectAs(this.port, "greedy")) {
			long started = System.nanoTime();
			StringBuilder frames = new StringBuilder("SUBSCRIBE\nid:e\ndestination:/user/queue/errors\n\n\0");
			for (int i = 0; i < 20; i++) {
				frames.append(
						"SUBSCRIBE\nid:h" + i + "\ndestination:/app/rooms.limits.history\nreceipt:h" + i + "\n\n\0");
			}
			greedy.send(frames.toString());

			List<JsonNode> refusals = new ArrayList<>();
			int answers = 0;
			int receipts = 0;
			while (answers + refusals.size() < 20) {
				String frame = greedy.nextFrame();
				if (frame.contains("destination:/user/queue/errors")) {
					refusals.add(JSON.readTree(body(frame)));
				}
				else if (frame.startsWith("MESSAGE\n")) {
					answers++;
				}
				else if (frame.startsWith("RECEIPT\n")) {
					receipts++;
				}
			}
			long elapsedSeconds = (long) Math.ceil((System.nanoTime() - started) / 1e9);
			assertThat(refusals).isNotEmpty().allSatisfy((error) -> {
				assertThat(error.get("code").asString()).isEqualTo("RATE_LIMITED");
				assertThat(error.get("message").asString()).startsWith("Too many subscriptions: at most 1 a second");
				assertThat(error.get("receipt").asString()).startsWith("h");
			});
			assertThat(receipts).isLessThanOrEqualTo(answers);
			// the error queue's subscription used one of the burst
			assertThat(answers).isBetween(4, (int) (4 + elapsedSeconds));
			greedy
				.send("SEND\ndestination:/app/rooms.limits.send\nreceipt:s-1\n\n{\"text\":\"sending still works\"}\0");
			assertThat(next(this.innocent.inbox()).get("text").asString()).isEqualTo("sending still works");
		}
	}

	@Test
	void subscriptionPastTheBoundIsRefusedCreatesNothingAndTheConnectionStays() {
		try (StompTestClient hoarder = StompTestClient.connect(this.port, Transport.WEBSOCKET, "hoarder")) {
			// the error queue is the first of three
			hoarder.join("hoard-1");
			hoarder.join("hoard-2");

			hoarder.subscribe("/topic/rooms.hoard-3");

			JsonNode error = hoarder.nextError();
			assertThat(error.get("code").asString()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
			assertThat(error.get("message").asString()).contains("maximum of 3 subscriptions");
			assertThat(error.get("destination").asString()).isEqualTo("/topic/rooms.hoard-3");
			assertThat(this.innocent.client().request("/app/rooms").get("rooms").findValuesAsString("room"))
				.contains("hoard-1", "hoard-2")
				.doesNotContain("hoard-3");
			assertThat(this.innocent.client().request("/app/rooms.hoard-3.members").get("members")).isEmpty();
			hoarder.say("hoard-1", "still connected");
			assertThat(hoarder.isConnected()).isTrue();
		}
	}

	@Test
	void unsubscribingMakesRoomForAnotherSubscriptionAndApplicationAnswersDoNotCount() {
		try (StompTestClient hoarder = StompTestClient.connect(this.port, Transport.WEBSOCKET, "hoarder")) {
			StompTestClient.Subscribed first = hoarder.joinForUnsubscribe("swap-1");
			hoarder.join("swap-2");
			assertThat(hoarder.request("/app/rooms.swap-1.members").get("members")).isNotEmpty();

			first.subscription().unsubscribe();
			BlockingQueue<JsonNode> third = hoarder.join("swap-3");
			hoarder.say("swap-3", "made it");

			assertThat(next(third).get("text").asString()).isEqualTo("made it");
			assertThat(hoarder.errors()).isEmpty();
		}
	}

	private static String body(String frame) {
		int start = frame.indexOf("\n\n") + 2;
		int end = frame.indexOf('\0', start);
		return frame.substring(start, (end >= 0) ? end : frame.length());
	}

}
