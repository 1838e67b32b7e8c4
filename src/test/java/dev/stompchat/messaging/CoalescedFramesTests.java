package dev.stompchat.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.ExecutorGate;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Frames that queued up for a connection while it waited for a writer go out together,
 * several STOMP frames in one WebSocket message, and Spring's STOMP client reads every
 * one of them, in order, over {@code /ws} and over SockJS. The writers are held while the
 * messages are broadcast, so that the frames queue up; a raw socket in the same room
 * shows that they did go out together.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CoalescedFramesTests {

	private static final int MESSAGES = 5;

	@LocalServerPort
	int port;

	@Autowired
	OutboundBacklog backlog;

	@Autowired
	@Qualifier("clientOutboundChannelExecutor")
	ThreadPoolTaskExecutor writers;

	@ParameterizedTest
	@EnumSource(names = { "WEBSOCKET", "SOCKJS_WEBSOCKET", "SOCKJS_XHR_STREAMING" })
	void springsClientReadsEveryFrameOfAMessageThatHoldsSeveral(Transport transport) throws Exception {
		String room = "coalesced-" + transport.name().toLowerCase().replace('_', '-');
		ExecutorGate gate = new ExecutorGate(this.writers);
		try (StompTestClient reader = StompTestClient.connect(this.port, transport, "reader");
				StompTestClient publisher = StompTestClient.connect(this.port, Transport.WEBSOCKET, "publisher");
				RawStompSocket watcher = RawStompSocket.connectAs(this.port, transport, "watcher")) {
			BlockingQueue<JsonNode> inbox = reader.join(room);
			watcher.watch(room);
			await().atMost(StompTestClient.TIMEOUT).until(() -> this.backlog.frames() == 0);
			watcher.framesLeft();
			int messagesBefore = watcher.framesPerMessage().size();

			gate.hold();
			try {
				for (int i = 1; i <= MESSAGES; i++) {
					publisher.say(room, "c" + i);
				}
				await().atMost(StompTestClient.TIMEOUT).until(() -> this.backlog.frames() >= 2 * MESSAGES);
			}
			finally {
				gate.release();
			}

			for (int i = 1; i <= MESSAGES; i++) {
				assertThat(next(inbox).get("text").asString()).isEqualTo("c" + i);
			}
			List<String> watched = new ArrayList<>();
			for (int i = 1; i <= MESSAGES; i++) {
				watched.add(watcher.nextFrame());
			}
			assertThat(watched).allMatch((frame) -> frame.startsWith("MESSAGE\n") && frame.endsWith("\0"));
			for (int i = 1; i <= MESSAGES; i++) {
				assertThat(watched.get(i - 1)).contains("\"text\":\"c" + i + "\"");
			}
			assertThat(watcher.framesPerMessage().subList(messagesBefore, watcher.framesPerMessage().size()))
				.as("frames in each WebSocket message")
				.containsExactly(MESSAGES);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "WEBSOCKET", "SOCKJS_WEBSOCKET" })
	void aFrameThatFindsNoBacklogGoesOutAtOnceByItself(Transport transport) throws Exception {
		String room = "alone-" + transport.name().toLowerCase().replace('_', '-');
		try (StompTestClient publisher = StompTestClient.connect(this.port, Transport.WEBSOCKET, "publisher");
				RawStompSocket watcher = RawStompSocket.connectAs(this.port, transport, "watcher")) {
			watcher.watch(room);
			await().atMost(StompTestClient.TIMEOUT).until(() -> this.backlog.frames() == 0);
			watcher.framesLeft();
			int messagesBefore = watcher.framesPerMessage().size();

			for (int i = 1; i <= 3; i++) {
				publisher.say(room, "a" + i);
				assertThat(watcher.nextFrame()).contains("\"text\":\"a" + i + "\"");
			}

			await().atMost(Duration.ofSeconds(1)).until(() -> watcher.framesPerMessage().size() >= messagesBefore + 3);
			assertThat(watcher.framesPerMessage().subList(messagesBefore, messagesBefore + 3)).containsOnly(1);
		}
	}

}
