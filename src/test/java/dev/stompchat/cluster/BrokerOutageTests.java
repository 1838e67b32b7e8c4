package dev.stompchat.cluster;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While RabbitMQ is away, every instance says so within seconds and refuses what it
 * cannot store; when it is back, they resume by themselves, and nobody sees a message
 * twice or misses one that was receipted.
 */
@ExtendWith(RabbitMq.class)
class BrokerOutageTests {

	@Test
	void anOutageIsReportedAndRefusedAndRecoveredFromWithoutLossOrDuplicates(RabbitMqBroker broker) throws Exception {
		String prefix = broker.streamPrefix() + "-" + UUID.randomUUID();
		try (ChatNode first = ChatNode.start(prefix);
				ChatNode second = ChatNode.start(prefix);
				StompTestClient alice = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "alice");
				StompTestClient bob = StompTestClient.connect(second.port(), Transport.WEBSOCKET, "bob")) {
			BlockingQueue<JsonNode> aliceSees = alice.join("outage");
			BlockingQueue<JsonNode> bobSees = bob.join("outage");
			alice.sayWithReceipt("outage", "before", "r1").get(10, TimeUnit.SECONDS);
			assertThat(next(bobSees).get("text").asString()).isEqualTo("before");
			assertThat(next(aliceSees).get("text").asString()).isEqualTo("before");

			try {
				broker.stopApp();
				await().atMost(Duration.ofSeconds(5)).until(() -> first.readinessStatus() == 503);
				await().atMost(Duration.ofSeconds(5)).until(() -> second.readinessStatus() == 503);

				CompletableFuture<String> receipt = alice.sayWithReceipt("outage", "during", "r2");
				JsonNode refusal = alice.nextError();
				assertThat(refusal.get("code").asString()).isEqualTo("BROKER_UNAVAILABLE");
				assertThat(refusal.get("receipt").asString()).isEqualTo("r2");
				assertThat(receipt).isNotDone();
				try (RawStompSocket latecomer = RawStompSocket.open(second.port())) {
					latecomer.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:latecomer\n\n\0");
					assertThat(latecomer.nextErrorMessage()).startsWith("BROKER_UNAVAILABLE");
				}
				assertThat(alice.isConnected()).isTrue();
			}
			finally {
				broker.startApp();
			}

			first.awaitReadiness(200);
			second.awaitReadiness(200);
			alice.sayWithReceipt("outage", "after", "r3").get(10, TimeUnit.SECONDS);
			assertThat(next(bobSees).get("text").asString()).isEqualTo("after");
			assertThat(next(aliceSees).get("text").asString()).isEqualTo("after");
			bob.say("outage", "last");
			assertThat(next(aliceSees).get("text").asString()).isEqualTo("last");

			try (ChatNode newcomer = ChatNode.start(prefix);
					StompTestClient reader = StompTestClient.connect(newcomer.port(), Transport.WEBSOCKET, "reader")) {
				assertThat(reader.request("/app/rooms.outage.history").get("messages"))
					.extracting((message) -> message.get("text").asString())
					.as("history outlives the broker's restart")
					.containsExactly("before", "after", "last");
			}
		}
	}

}
