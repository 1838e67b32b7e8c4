package dev.stompchat.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.ExecutorGate;
import dev.stompchat.support.HandMadeWebSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * Once frames have waited longer than {@code chat.overload.max-wait} (500 ms here) for a
 * writer, or a chat message has waited that long to be handled, a chat message is refused
 * with {@code OVERLOADED}, and every message accepted still reaches every subscriber. The
 * threads of the outbound executor, or of the inbound one, are held by a gate, so that
 * frames wait as long as the test needs; operators see the backlog, the waits and the
 * refusals in the metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.overload.max-wait=500ms", "chat.send-time-limit=1s", "chat.send-buffer-size-limit=64KB",
				"chat.rate-limit.messages-per-second=100000", "chat.rate-limit.burst=100000" })
class OverloadTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	private final ExecutorGate writers;

	private final ExecutorGate handlers;

	@Autowired
	OverloadTests(@Qualifier("clientOutboundChannelExecutor") ThreadPoolTaskExecutor writers,
			@Qualifier("clientInboundChannelExecutor") ThreadPoolTaskExecutor handlers) {
		this.writers = new ExecutorGate(writers);
		this.handlers = new ExecutorGate(handlers);
	}

	@AfterEach
	void openTheGates() {
		this.writers.release();
		this.handlers.release();
	}

	@Test
	void whileFramesWaitPastTheBoundMessagesAreRefusedAndEveryAcceptedOneArrivesOnceInOrder() throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, Transport.WEBSOCKET, "bob")) {
			BlockingQueue<JsonNode> aliceInbox = alice.join("busy");
			BlockingQueue<JsonNode> bobInbox = bob.join("busy");
			await().atMost(StompTestClient.TIMEOUT).until(() -> backlog() == 0);
			double refusedBefore = refusedAsOverloaded();

			this.writers.hold();
			CompletableFuture<String> accepted = alice.sayWithReceipt("busy", "m1", "r1");
			await().atMost(StompTestClient.TIMEOUT).until(() -> oldestWait() > 0.5);
			List<CompletableFuture<String>> refused = List.of(alice.sayWithReceipt("busy", "m2", "r2"),
					alice.sayWithReceipt("busy", "m3", "r3"));
			await().atMost(StompTestClient.TIMEOUT).until(() -> refusedAsOverloaded() == refusedBefore + 2);
			// m1 for both, its receipt and the two refusals
			assertThat(backlog()).isGreaterThanOrEqualTo(5);
			this.writers.release();

			assertThat(next(aliceInbox).get("text").asString()).isEqualTo("m1");
			assertThat(next(bobInbox).get("text").asString()).isEqualTo("m1");
			assertThat(accepted.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("r1");
			for (String receipt : List.of("r2", "r3")) {
				assertRefusedAsOverloaded(alice.nextError(), receipt);
			}
			await().atMost(StompTestClient.TIMEOUT).until(() -> backlog() == 0 && oldestWait() == 0);

			CompletableFuture<String> afterwards = alice.sayWithReceipt("busy", "m4", "r4");
			assertThat(afterwards.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("r4");
			assertThat(next(aliceInbox).get("text").asString()).isEqualTo("m4");
			assertThat(next(bobInbox).get("text").asString()).isEqualTo("m4");
			assertThat(refused).noneMatch(CompletableFuture::isDone);
			assertThat(historyTexts(bob, "busy")).containsExactly("m1", "m4");
		}
	}

	@Test
	void aMessageThatWaitedPastTheBoundToBeHandledIsRefusedAndNeverBroadcast() throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, Transport.WEBSOCKET, "bob")) {
			BlockingQueue<JsonNode> aliceInbox = alice.join("queued");
			BlockingQueue<JsonNode> bobInbox = bob.join("queued");
			double refusedBefore = refusedAsOverloaded();

			this.handlers.hold();
			CompletableFuture<String> late = alice.sayWithReceipt("queued", "m1", "r1");
			await().atMost(StompTestClient.TIMEOUT).until(() -> inboundWait() > 0.5);
			assertThat(oldestWait()).isZero();
			this.handlers.release();

			JsonNode error = alice.nextError();
			assertRefusedAsOverloaded(error, "r1");
			assertThat(error.get("destination").asString()).isEqualTo("/app/rooms.queued.send");
			assertThat(refusedAsOverloaded()).isEqualTo(refusedBefore + 1);
			await().atMost(StompTestClient.TIMEOUT).until(() -> inboundWait() == 0);

			CompletableFuture<String> afterwards = alice.sayWithReceipt("queued", "m2", "r2");
			assertThat(afterwards.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("r2");
			assertThat(next(aliceInbox).get("text").asString()).isEqualTo("m2");
			assertThat(next(bobInbox).get("text").asString()).isEqualTo("m2");
			assertThat(late).isNotDone();
			assertThat(historyTexts(bob, "queued")).containsExactly("m2");
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

	private static void assertRefusedAsOverloaded(JsonNode error, String receipt) {
		assertThat(error.get("code").asString()).isEqualTo("OVERLOADED");
		assertThat(error.get("message").asString())
			.isEqualTo("The server is busy: your message was not sent. Try again in a moment.");
		assertThat(error.get("receipt").asString()).isEqualTo(receipt);
	}

	private static List<String> historyTexts(StompTestClient client, String room) {
		JsonNode history = client.request("/app/rooms." + room + ".history");
		return history.get("messages").valueStream().map((message) -> message.get("text").asString()).toList();
	}

	private long backlog() throws Exception {
		return (long) metric("chat.outbound.backlog");
	}

	private double oldestWait() throws Exception {
		return metric("chat.outbound.wait");
	}

	private double inboundWait() throws Exception {
		return metric("chat.inbound.wait");
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

}
