package dev.stompchat.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.HandMadeWebSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Past {@code chat.overload.max-outbound-backlog} (6 frames here) a chat message is
 * refused with {@code OVERLOADED}, and every message accepted still reaches every
 * subscriber. The outbound channel is held shut by a gate, so that the backlog fills
 * deterministically; operators see the backlog and the refusals in the metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.overload.max-outbound-backlog=6", "chat.send-time-limit=1s",
				"chat.send-buffer-size-limit=64KB", "chat.rate-limit.messages-per-second=100000",
				"chat.rate-limit.burst=100000" })
class OverloadTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	OutboundGate gate;

	@AfterEach
	void openTheGate() {
		this.gate.release();
	}

	@Test
	void pastTheBacklogBoundMessagesAreRefusedAndEveryAcceptedOneArrivesOnceInOrder() throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, Transport.WEBSOCKET, "bob")) {
			BlockingQueue<JsonNode> aliceInbox = alice.join("busy");
			BlockingQueue<JsonNode> bobInbox = bob.join("busy");
			await().atMost(StompTestClient.TIMEOUT).until(() -> backlog() == 0);
			double refusedBefore = refusedAsOverloaded();

			this.gate.hold();
			List<CompletableFuture<String>> receipts = new ArrayList<>();
			for (int i = 1; i <= 6; i++) {
				receipts.add(alice.sayWithReceipt("busy", "m" + i, "r" + i));
			}
			// two subscribers: four accepted messages make 8 frames, past the bound of 6;
			// the two refusals' error frames wait behind them
			await().atMost(StompTestClient.TIMEOUT).until(() -> refusedAsOverloaded() == refusedBefore + 2);
			assertThat(backlog()).isEqualTo(10);
			this.gate.release();

			for (BlockingQueue<JsonNode> inbox : List.of(aliceInbox, bobInbox)) {
				for (int i = 1; i <= 4; i++) {
					assertThat(next(inbox).get("text").asString()).isEqualTo("m" + i);
				}
			}
			for (int i = 0; i < 4; i++) {
				assertThat(receipts.get(i).get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.isEqualTo("r" + (i + 1));
			}
			for (String receipt : List.of("r5", "r6")) {
				JsonNode error = alice.nextError();
				assertThat(error.get("code").asString()).isEqualTo("OVERLOADED");
				assertThat(error.get("message").asString())
					.isEqualTo("The server is busy: your message was not sent. Try again in a moment.");
				assertThat(error.get("receipt").asString()).isEqualTo(receipt);
			}
			await().atMost(StompTestClient.TIMEOUT).until(() -> backlog() == 0);

			CompletableFuture<String> afterwards = alice.sayWithReceipt("busy", "m7", "r7");
			assertThat(afterwards.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("r7");
			assertThat(next(aliceInbox).get("text").asString()).isEqualTo("m7");
			assertThat(next(bobInbox).get("text").asString()).isEqualTo("m7");
			assertThat(receipts.get(4)).isNotDone();
			assertThat(receipts.get(5)).isNotDone();
			JsonNode history = bob.request("/app/rooms.busy.history");
			assertThat(history.get("messages").valueStream().map((message) -> message.get("text").asString()))
				.containsExactly("m1", "m2", "m3", "m4", "m7");
		}
	}

	@Test
	void stalledSubscriberIsCutOffWithoutFillingTheBacklog() throws Exception {
		try (StompTestClient publisher = StompTestClient.connect(this.port, Transport.WEBSOCKET, "publisher");
				StompTestClient reader = StompTestClient.connect(this.port, Transport.WEBSOCKET, "reader");
				HandMadeWebSocket staller = HandMadeWebSocket.openWithSmallReceiveBuffer(this.port)) {
			BlockingQueue<JsonNode> inbox = reader.joinWithPresence("stalled");
			assertThat(next(inbox).get("sender").asString()).isEqualTo("reader");
			staller.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:staller\n\n\0");
			staller.sendText("SUBSCRIBE\nid:0\ndestination:/topic/rooms.stalled\n\n\0");
			assertThat(next(inbox).get("sender").asString()).isEqualTo("staller");

			// three bytes a character: each message fills the stalled socket three times
			// as fast
			String padding = "€".repeat(990);
			JsonNode received = null;
			for (int i = 0; received == null || !"LEAVE".equals(received.get("type").asString()); i++) {
				assertThat(i).as("messages sent before the stalled client was cut off").isLessThan(20_000);
				CompletableFuture<String> receipt = publisher.sayWithReceipt("stalled", i + " " + padding, "r" + i);
				assertThat(receipt.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("r" + i);
				received = next(inbox);
			}
			assertThat(received.get("sender").asString()).isEqualTo("staller");
			assertThat(publisher.errors()).isEmpty();
		}
	}

	private long backlog() throws Exception {
		return (long) metric("chat.outbound.backlog");
	}

	private double refusedAsOverloaded() throws Exception {
		return metric("chat.refusals?tag=code:OVERLOADED");
	}

	private double metric(String nameAndQuery) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/metrics/" + nameAndQuery))
			.build();
		JsonNode answer = JSON.readTree(this.http.send(request, BodyHandlers.ofString()).body());
		return answer.get("measurements").get(0).get("value").asDouble();
	}

	/** Holds every frame on the outbound channel's threads while shut. */
	static final class OutboundGate implements ExecutorChannelInterceptor {

		private volatile CountDownLatch open = new CountDownLatch(0);

		void hold() {
			this.open = new CountDownLatch(1);
		}

		void release() {
			this.open.countDown();
		}

		@Override
		public Message<?> beforeHandle(Message<?> message, MessageChannel channel, MessageHandler handler) {
			try {
				this.open.await(StompTestClient.TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return message;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class GateConfiguration implements WebSocketMessageBrokerConfigurer {

		private final OutboundGate gate = new OutboundGate();

		@Bean
		OutboundGate outboundGate() {
			return this.gate;
		}

		@Override
		public void configureClientOutboundChannel(ChannelRegistration registration) {
			registration.interceptors(this.gate);
		}

	}

}
