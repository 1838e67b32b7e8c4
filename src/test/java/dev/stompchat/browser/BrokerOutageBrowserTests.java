package dev.stompchat.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.stompchat.browser.ChatPage.Entry;
import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page of an instance in {@code chat.broker=rabbitmq} mode while RabbitMQ is away: it
 * says, in words, that messages cannot be sent for now, and chats again once the broker
 * is back.
 */
@BrowserTest
@ExtendWith(RabbitMq.class)
@TestPropertySource(properties = { "chat.broker=rabbitmq", "chat.rabbitmq.partitions=2" })
class BrokerOutageBrowserTests {

	private static final String STREAM_PREFIX = "test-browser-outage-" + UUID.randomUUID();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void streams(DynamicPropertyRegistry registry) {
		registry.add("chat.rabbitmq.stream-prefix", () -> STREAM_PREFIX);
	}

	/**
	 * Whether the application started, which made the streams; not when RabbitMQ is
	 * missing.
	 */
	private static boolean streamsMade;

	@AfterAll
	static void deleteStreams(RabbitMqBroker broker) {
		if (streamsMade) {
			broker.deleteQueuesStartingWith(STREAM_PREFIX);
		}
	}

	@Test
	void thePageSaysMessagesCannotBeSentWhileTheBrokerIsAwayAndChatsAgainAfter(Browsers browsers,
			RabbitMqBroker broker) {
		streamsMade = true;
		ChatPage alice = browsers.open("/").connectAs("alice");
		alice.say("before the outage");
		alice.awaitEntry("before the outage");

		try {
			broker.stopApp();
			await().atMost(Duration.ofSeconds(5)).until(() -> readinessStatus() == 503);
			alice.say("during the outage");
			Entry error = alice.awaitErrorWithCode("BROKER_UNAVAILABLE");
			assertThat(error.text()).startsWith("Messages cannot be sent for now");
			assertThat(alice.state()).isEqualTo("connected");
		}
		finally {
			broker.startApp();
		}

		ChatPage bob = browsers.open("/").connectAs("bob");
		bob.say("after the outage");
		assertThat(alice.awaitEntry("after the outage").kind()).isEqualTo("received");
	}

	private int readinessStatus() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
