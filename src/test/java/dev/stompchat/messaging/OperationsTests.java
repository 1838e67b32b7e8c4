package dev.stompchat.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators probe over HTTP: health with its liveness and readiness groups, the
 * broker component, info, metrics with the chat's own (also for Prometheus to scrape),
 * and nothing else exposed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OperationsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void healthIsUpAndShowsTheBrokerComponentWithoutDetails() throws Exception {
		JsonNode health = getJson("/actuator/health", 200);

		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("broker").get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("broker").has("details")).isFalse();
		assertThat(health.get("components").get("diskSpace").has("details")).isFalse();
	}

	@Test
	void brokerComponentCanBeReadOnItsOwn() throws Exception {
		assertThat(getJson("/actuator/health/broker", 200).get("status").asString()).isEqualTo("UP");
	}

	@Test
	void livenessIsUp() throws Exception {
		assertThat(getJson("/actuator/health/liveness", 200).get("status").asString()).isEqualTo("UP");
	}

	@Test
	void readinessIsUpAndIncludesTheBroker() throws Exception {
		JsonNode readiness = getJson("/actuator/health/readiness", 200);

		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "broker");
	}

	@Test
	void infoNamesTheApplication() throws Exception {
		assertThat(getJson("/actuator/info", 200).get("app").get("name").asString()).isEqualTo("stomp-chat");
	}

	@ParameterizedTest
	@ValueSource(strings = { "chat.connections", "chat.messages", "chat.messages.accepted", "chat.outbound.backlog",
			"chat.refusals", "chat.refusals.closing", "chat.rooms", "chat.members", "chat.websocket.sessions",
			"chat.websocket.sessions.opened", "chat.websocket.sessions.closed", "chat.stomp.frames", "executor.active",
			"executor.queued", "executor.pool.size", "executor.completed" })
	void chatMetricsAreExposed(String name) throws Exception {
		assertThat(getJson("/actuator/metrics/" + name, 200).get("measurements").get(0).get("value").asDouble())
			.isNotNegative();
	}

	@Test
	void prometheusCanScrapeTheChatMetrics() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).contains("chat_connections ", "chat_messages_total ",
				"chat_messages_accepted_total ", "chat_outbound_backlog_frames ",
				"chat_refusals_total{code=\"OVERLOADED\"", "chat_refusals_closing_total{reason=\"FLOODING\"",
				"chat_rooms ", "chat_members ", "chat_websocket_sessions{type=\"httpPolling\"",
				"chat_websocket_sessions_opened_total ",
				"chat_websocket_sessions_closed_total{reason=\"limitExceeded\"",
				"chat_stomp_frames_total{command=\"connected\"",
				"executor_queued_tasks{name=\"clientInboundChannelExecutor\"", "jvm_memory_used_bytes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
			"/actuator/loggers", "/actuator/threaddump", "/actuator/mappings" })
	void nothingElseIsExposed(String path) throws Exception {
		assertThat(get(path).statusCode()).isEqualTo(404);
	}

	@Test
	void tomcatAcceptsMoreConnectionsThanTheChatLimitSoThatItsRefusalIsHeard(
			@Autowired ServletWebServerApplicationContext context) {
		TomcatWebServer tomcat = (TomcatWebServer) context.getWebServer();

		assertThat(tomcat.getTomcat().getConnector().getProperty("maxConnections")).isEqualTo(20000 + 1000);
	}

	private JsonNode getJson(String path, int expectedStatus) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(expectedStatus);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.http.send(request, BodyHandlers.ofString());
	}

}
