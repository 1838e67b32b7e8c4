package dev.stompchat.messaging;

import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.Prometheus;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the chat's meters read in Prometheus's format while clients connect, join, send
 * and are refused. The leave grace is 0, so that a room is empty as soon as its last
 * member has gone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.presence.leave-grace=0s")
class MetricsTests {

	@LocalServerPort
	int port;

	@Test
	void aMemberInARoomCountsAsOneRoomOneMemberAndOneWebSocketSession() {
		awaitValue("chat_rooms", 0);
		awaitValue("chat_members", 0);
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice")) {
			alice.join("metrics");

			awaitValue("chat_rooms", 1);
			awaitValue("chat_members", 1);
			awaitValue("chat_websocket_sessions{type=\"webSocket\"}", 1);
		}
		awaitValue("chat_rooms", 0);
		awaitValue("chat_members", 0);
		awaitValue("chat_websocket_sessions{type=\"webSocket\"}", 0);
	}

	@Test
	void membersAreSummedOverRoomsAndSeveralTabsCountOnce() {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				StompTestClient aliceAgain = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, Transport.WEBSOCKET, "bob")) {
			alice.join("metrics");
			aliceAgain.join("metrics");
			bob.join("metrics");
			bob.join("metrics-other");

			awaitValue("chat_rooms", 2);
			awaitValue("chat_members", 3);
		}
	}

	@Test
	void anAcceptedMessageIsCountedAsAcceptedAndAsBroadcast() {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice")) {
			BlockingQueue<JsonNode> messages = alice.join("metrics");
			Prometheus before = scrape();

			alice.say("metrics", "hello");
			StompTestClient.next(messages);

			awaitValue("chat_messages_accepted_total", before.value("chat_messages_accepted_total") + 1);
			assertThat(scrape().value("chat_messages_total"))
				.isGreaterThanOrEqualTo(before.value("chat_messages_total") + 1);
		}
	}

	@Test
	void aSendRefusedOnTheErrorQueueIsCountedByItsCodeAndNotAsAccepted() {
		String refused = "chat_refusals_total{code=\"TEXT_EMPTY\"}";
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice")) {
			alice.join("metrics");
			Prometheus before = scrape();

			alice.say("metrics", "   ");

			assertThat(alice.nextError().get("code").asString()).isEqualTo("TEXT_EMPTY");
			awaitValue(refused, before.value(refused) + 1);
			assertThat(scrape().value("chat_messages_accepted_total"))
				.isEqualTo(before.value("chat_messages_accepted_total"));
		}
	}

	@Test
	void aSendRefusedWithAnErrorFrameIsCountedByItsReason() throws Exception {
		String refused = "chat_refusals_closing_total{reason=\"FORBIDDEN_DESTINATION\"}";
		double before = scrape().value(refused);
		try (RawStompSocket mallory = RawStompSocket.connectAs(this.port, "mallory")) {
			mallory.send("SEND\ndestination:/topic/rooms.metrics\n\n{\"text\":\"forged\"}\0");

			assertThat(mallory.nextErrorMessage()).startsWith("Sending to '/topic/rooms.metrics' is not allowed");
			assertThat(mallory.awaitClose()).isNotNull();
		}
		awaitValue(refused, before + 1);
	}

	@Test
	void aFrameBeforeConnectIsCountedThoughSpringAnswersIt() throws Exception {
		String refused = "chat_refusals_closing_total{reason=\"FRAME_BEFORE_CONNECT\"}";
		double before = scrape().value(refused);
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("SEND\ndestination:/app/rooms.metrics.send\n\n{\"text\":\"hi\"}\0");

			assertThat(socket.nextErrorMessage()).isEqualTo("Send CONNECT before any other frame.");
			assertThat(socket.awaitClose()).isNotNull();
		}
		awaitValue(refused, before + 1);
	}

	@Test
	void aSecondConnectIsCountedThoughSpringAnswersIt() throws Exception {
		String refused = "chat_refusals_closing_total{reason=\"UNPROCESSABLE_FRAME\"}";
		double before = scrape().value(refused);
		try (RawStompSocket twice = RawStompSocket.connectAs(this.port, "twice")) {
			twice.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:twice\n\n\0");

			assertThat(twice.nextErrorMessage()).isEqualTo("The server could not process the frame.");
			assertThat(twice.awaitClose()).isNotNull();
		}
		awaitValue(refused, before + 1);
	}

	@Test
	void sockJsSessionsAreCountedByTheirKindOfTransport() {
		awaitValue("chat_websocket_sessions{type=\"httpPolling\"}", 0);
		awaitValue("chat_websocket_sessions{type=\"httpStreaming\"}", 0);
		try (StompTestClient polling = StompTestClient.connect(this.port, Transport.SOCKJS_XHR_POLLING, "polly");
				StompTestClient streaming = StompTestClient.connect(this.port, Transport.SOCKJS_XHR_STREAMING,
						"stream")) {
			awaitValue("chat_websocket_sessions{type=\"httpPolling\"}", 1);
			awaitValue("chat_websocket_sessions{type=\"httpStreaming\"}", 1);
		}
	}

	@Test
	void sessionsAndTheirStompFramesAreCounted() {
		Prometheus before = scrape();
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice")) {
			alice.awaitProcessed();
		}
		awaitValue("chat_stomp_frames_total{command=\"disconnect\"}",
				before.value("chat_stomp_frames_total{command=\"disconnect\"}") + 1);
		Prometheus after = scrape();
		for (String series : new String[] { "chat_websocket_sessions_opened_total",
				"chat_stomp_frames_total{command=\"connect\"}", "chat_stomp_frames_total{command=\"connected\"}" }) {
			assertThat(after.value(series)).as(series).isEqualTo(before.value(series) + 1);
		}
		for (String reason : new String[] { "limitExceeded", "noMessagesReceived", "transportError" }) {
			String series = "chat_websocket_sessions_closed_total{reason=\"" + reason + "\"}";
			assertThat(after.value(series)).as(series).isEqualTo(before.value(series));
		}
	}

	@Test
	void springBootBindsTheChannelsExecutorsAndTheBrokersScheduler() {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice")) {
			alice.awaitProcessed();
		}
		Prometheus scrape = scrape();
		for (String executor : new String[] { "clientInboundChannelExecutor", "clientOutboundChannelExecutor",
				"brokerChannelExecutor", "messageBrokerTaskScheduler" }) {
			String name = "{name=\"" + executor + "\"}";
			assertThat(scrape.value("executor_active_threads" + name)).as(executor).isNotNegative();
			assertThat(scrape.value("executor_queued_tasks" + name)).as(executor).isNotNegative();
			assertThat(scrape.value("executor_pool_size_threads" + name)).as(executor).isNotNegative();
		}
		assertThat(scrape.value("executor_completed_tasks_total{name=\"clientInboundChannelExecutor\"}")).isPositive();
		assertThat(scrape.value("executor_completed_tasks_total{name=\"clientOutboundChannelExecutor\"}")).isPositive();
	}

	private Prometheus scrape() {
		return Prometheus.scrape(this.port);
	}

	private void awaitValue(String series, double expected) {
		await().atMost(StompTestClient.TIMEOUT)
			.untilAsserted(() -> assertThat(scrape().value(series)).as(series).isEqualTo(expected));
	}

}
