package dev.stompchat.browser;

import java.util.List;

import dev.stompchat.support.ExecutorGate;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page's STOMP client, stomp.js, reads every frame of a WebSocket message that holds
 * several, over {@code /ws} and over SockJS. The server's writers are held while the
 * messages are broadcast, so that the page's frames queue up and go out together
 * ({@code CoalescedFramesTests} shows with a raw socket that they do).
 */
@BrowserTest
class CoalescedFramesBrowserTests {

	private static final List<String> TEXTS = List.of("one", "two", "three", "four", "five");

	@Autowired
	ServerConnections server;

	@Autowired
	@Qualifier("clientOutboundChannelExecutor")
	ThreadPoolTaskExecutor writers;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "sockjs", "xhr-streaming" })
	void thePageShowsEveryMessageOfFramesThatCameTogether(String transport, Browsers browsers) throws Exception {
		String room = "together-" + transport;
		ChatPage reader = browsers.open("/rooms/" + room + "?transport=" + transport).connectAs("reader");
		this.server.awaitJoined("reader", room);
		ExecutorGate gate = new ExecutorGate(this.writers);
		try (StompTestClient publisher = StompTestClient.connect(this.port, Transport.WEBSOCKET, "publisher")) {
			gate.hold();
			try {
				TEXTS.forEach((text) -> publisher.say(room, text));
				await().atMost(StompTestClient.TIMEOUT).until(() -> queuedFrames() >= TEXTS.size());
			}
			finally {
				gate.release();
			}

			reader.awaitEntry(TEXTS.get(TEXTS.size() - 1));
			assertThat(reader.entries()).extracting(ChatPage.Entry::text).containsSubsequence(TEXTS);
			assertThat(reader.entries()).extracting(ChatPage.Entry::text)
				.filteredOn(TEXTS::contains)
				.containsExactlyElementsOf(TEXTS);
		}
	}

	private double queuedFrames() {
		return this.meters.get("chat.outbound.backlog").gauge().value();
	}

}
