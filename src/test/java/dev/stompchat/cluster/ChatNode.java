package dev.stompchat.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.stompchat.StompChatApplication;
import dev.stompchat.support.StompTestClient;
import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One instance of the application in {@code chat.broker=rabbitmq} mode, started in this
 * JVM on a random port, on the streams of the given prefix.
 */
final class ChatNode implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext context;

	private ChatNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static ChatNode start(String streamPrefix, String... settings) {
		List<String> properties = new ArrayList<>(
				List.of("server.port=0", "chat.broker=rabbitmq", "chat.rabbitmq.stream-prefix=" + streamPrefix,
						"chat.rabbitmq.partitions=4", "chat.presence.leave-grace=0s", "spring.main.banner-mode=off"));
		properties.addAll(List.of(settings));
		ChatNode node = new ChatNode(
				new SpringApplicationBuilder(StompChatApplication.class).properties(properties.toArray(String[]::new))
					.run());
		node.awaitReadiness(200);
		return node;
	}

	int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	int readinessStatus() {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			return 0;
		}
	}

	void awaitReadiness(int status) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> readinessStatus() == status);
	}

	/** The nicknames of a room's members, as the client's instance answers them. */
	static List<String> members(StompTestClient client, String room) {
		List<String> nicknames = new ArrayList<>();
		client.request("/app/rooms." + room + ".members")
			.get("members")
			.forEach((member) -> nicknames.add(member.get("nickname").asString()));
		return nicknames;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
