package dev.stompchat.messaging;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.Prometheus;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the coalescing window open at any rate ({@code chat.coalescing.above=0}), a frame
 * that follows the connection's previous one within the window is held back for it, and
 * the frame that comes behind it goes out in the same WebSocket message; Spring's STOMP
 * client reads both, in order, over {@code /ws} and over SockJS. A raw socket in the room
 * shows how the frames were written, and {@code chat.outbound.held} counts the hold.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.coalescing.above=0", "chat.coalescing.window=2s" })
class CoalescingWindowTests {

	private static final Duration WINDOW = Duration.ofSeconds(2);

	@LocalServerPort
	int port;

	@Autowired
	OutboundBacklog backlog;

	@ParameterizedTest
	@EnumSource(names = { "WEBSOCKET", "SOCKJS_WEBSOCKET", "SOCKJS_XHR_STREAMING" })
	void aFrameRightAfterAnotherIsHeldBackForTheWindowAndSharesAWriteWithTheNext(Transport transport) throws Exception {
		String room = "window-" + transport.name().toLowerCase().replace('_', '-');
		try (StompTestClient reader = StompTestClient.connect(this.port, transport, "reader");
				StompTestClient publisher = StompTestClient.connect(this.port, Transport.WEBSOCKET, "publisher");
				RawStompSocket watcher = RawStompSocket.connectAs(this.port, transport, "watcher")) {
			BlockingQueue<JsonNode> inbox = reader.join(room);
			watcher.watch(room);
			await().atMost(StompTestClient.TIMEOUT).until(() -> this.backlog.frames() == 0);
			watcher.framesLeft();
			// the window counts from the connection's previous frame: a frame after a
			// pause longer than the window is written at once
			long quietSince = System.nanoTime();
			await().atMost(WINDOW.multipliedBy(2)).until(() -> System.nanoTime() - quietSince > WINDOW.toNanos());

			double heldBeforeW1 = heldBack();
			publisher.say(room, "w1");
			assertThat(watcher.nextFrame()).contains("\"text\":\"w1\"");
			assertThat(next(inbox).get("text").asString()).isEqualTo("w1");
			assertThat(heldBack()).as("outboxes held back for w1").isEqualTo(heldBeforeW1);
			int messagesBefore = watcher.framesPerMessage().size();
			double heldBefore = heldBack();

			long sent = System.nanoTime();
			publisher.say(room, "w2");
			publisher.say(room, "w3");
			String w2 = watcher.nextFrame();
			long waited = System.nanoTime() - sent;
			String w3 = watcher.nextFrame();

			assertThat(w2).startsWith("MESSAGE\n").contains("\"text\":\"w2\"");
			assertThat(w3).startsWith("MESSAGE\n").contains("\"text\":\"w3\"");
			assertThat(Duration.ofNanos(waited)).as("how long w2 was held back").isGreaterThanOrEqualTo(WINDOW);
			assertThat(watcher.framesPerMessage().subList(messagesBefore, watcher.framesPerMessage().size()))
				.as("frames in each WebSocket message")
				.containsExactly(2);
			assertThat(next(inbox).get("text").asString()).isEqualTo("w2");
			assertThat(next(inbox).get("text").asString()).isEqualTo("w3");
			assertThat(heldBack()).as("outboxes held back").isGreaterThan(heldBefore);
		}
	}

	private double heldBack() {
		return Prometheus.scrape(this.port).value("chat_outbound_held_total");
	}

}
