package dev.stompchat.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.RawStompSocket;
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
 * The per-connection send limit, set low here (a burst of 5, then 1 a second; closed
 * after 20 refusals) so that a quick loop of sends runs into it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "chat.rate-limit.messages-per-second=1",
		"chat.rate-limit.burst=5", "chat.rate-limit.max-rejections=20", "chat.rate-limit.rejection-window=1m" })
class RateLimitTests {

	@LocalServerPort
	int port;

	@Test
	void sendsOverTheLimitAreRefusedWithRateLimitedAndNotBroadcast() throws Exception {
		try (StompTestClient hasty = connect("hasty"); StompTestClient observer = connect("observer")) {
			BlockingQueue<JsonNode> inbox = observer.join("rate");
			int sent = 15;
			long started = System.nanoTime();

			for (int i = 0; i < sent; i++) {
				hasty.say("rate", "m" + i);
			}

			List<JsonNode> refusals = new ArrayList<>();
			long lastRefusal = started;
			JsonNode refusal;
			while ((refusal = hasty.errors().poll(1, TimeUnit.SECONDS)) != null) {
				refusals.add(refusal);
				lastRefusal = System.nanoTime();
			}
			assertThat(refusals).isNotEmpty().allSatisfy((error) -> {
				assertThat(error.get("code").asString()).isEqualTo("RATE_LIMITED");
				assertThat(error.get("message").asString()).contains("at most 1 a second");
				assertThat(error.get("destination").asString()).isEqualTo("/app/rooms.rate.send");
			});
			int accepted = sent - refusals.size();
			assertThat(accepted).isBetween(5, mostAllowed(started, lastRefusal));
			for (int i = 0; i < accepted; i++) {
				assertThat(next(inbox).get("text").asString()).isEqualTo("m" + i);
			}
			assertThat(inbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
			assertThat(hasty.isConnected()).isTrue();
		}
	}

	@Test
	void limitIsPerConnection() {
		try (StompTestClient hasty = connect("hasty"); StompTestClient calm = connect("calm")) {
			BlockingQueue<JsonNode> inbox = calm.join("per-connection");
			for (int i = 0; i < 10; i++) {
				hasty.say("per-connection", "flood");
			}
			assertThat(hasty.nextError().get("code").asString()).isEqualTo("RATE_LIMITED");

			calm.say("per-connection", "my turn");

			assertThat(textsUntil(inbox, "my turn")).allMatch("flood"::equals);
			calm.awaitProcessed();
			assertThat(calm.errors()).isEmpty();
		}
	}

	@Test
	void connectionThatKeepsFloodingIsClosedWithAnErrorFrameSayingSo() throws Exception {
		try (StompTestClient observer = connect("observer");
				RawStompSocket flooder = RawStompSocket.connectAs(this.port, "flooder")) {
			BlockingQueue<JsonNode> inbox = observer.join("flood");
			flooder.send("SUBSCRIBE\nid:0\ndestination:/user/queue/errors\n\n\0");

			long started = System.nanoTime();
			StringBuilder frames = new StringBuilder();
			for (int i = 0; i < 40; i++) {
				frames.append(
						"SEND\ndestination:/app/rooms.flood.send\ncontent-type:application/json\n\n{\"text\":\"x\"}\0");
			}
			flooder.send(frames.toString());

			String error;
			do {
				error = flooder.nextFrame();
			}
			while (error.startsWith("MESSAGE\n"));
			assertThat(error).startsWith("ERROR\n").contains("Closed for flooding");
			long closed = System.nanoTime();
			assertThat(flooder.awaitClose()).isNotNull();
			observer.say("flood", "still here");
			assertThat(textsUntil(inbox, "still here")).hasSizeLessThanOrEqualTo(mostAllowed(started, closed))
				.allMatch("x"::equals);
		}
	}

	/**
	 * A burst of 5, and 1 more for each second (begun) the server took over the sends.
	 */
	private static int mostAllowed(long from, long to) {
		return 5 + (int) Math.ceil((to - from) / 1e9);
	}

	/** The texts received before {@code last}, which must arrive. */
	private static List<String> textsUntil(BlockingQueue<JsonNode> inbox, String last) {
		List<String> before = new ArrayList<>();
		for (String text = next(inbox).get("text").asString(); !text.equals(last); text = next(inbox).get("text")
			.asString()) {
			before.add(text);
		}
		return before;
	}

	private StompTestClient connect(String nickname) {
		return StompTestClient.connect(this.port, Transport.WEBSOCKET, nickname);
	}

}
