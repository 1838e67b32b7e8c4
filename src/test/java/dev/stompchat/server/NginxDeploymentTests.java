package dev.stompchat.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.stompchat.support.ChatInstance;
import dev.stompchat.support.Nginx;
import dev.stompchat.support.Nginx.LoggedRequest;
import dev.stompchat.support.RawHttp;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.Handshakes.HTTP;
import static dev.stompchat.support.Handshakes.ownOrigin;
import static dev.stompchat.support.Handshakes.sockJs;
import static dev.stompchat.support.Handshakes.webSocketHandshakeStatus;
import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances behind nginx with the shipped configuration
 * ({@code deploy/nginx/stomp-chat.conf}): what passes through it, and which instance it
 * sends each request to. The instances run on the default, simple, broker, each a chat of
 * its own, so every test here chats within one connection or one SockJS session;
 * {@link NginxClusterTests} has people on two instances.
 */
@ExtendWith(Nginx.Installed.class)
class NginxDeploymentTests {

	/**
	 * How both instances run, as docker-compose.yml runs them but for the broker: with
	 * {@code chat.broker=rabbitmq} this list would add a {@code RabbitMqBroker}'s
	 * {@code instanceArguments()} (see {@link NginxClusterTests}), and nothing else here
	 * would change.
	 */
	private static final List<String> INSTANCE_ARGUMENTS = List.of("--server.forward-headers-strategy=native");

	private static final Pattern SOCKJS_SESSION = Pattern.compile("^/sockjs/[^/]+/([^/]+)/");

	@AutoClose
	private static Nginx nginx;

	@AutoClose
	private static ChatInstance one;

	@AutoClose
	private static ChatInstance two;

	@BeforeAll
	static void start() {
		List<ChatInstance> instances = ChatInstance.startAll(
				ChatInstance.named("nginx-chat-1").arguments(INSTANCE_ARGUMENTS),
				ChatInstance.named("nginx-chat-2").arguments(INSTANCE_ARGUMENTS));
		one = instances.get(0);
		two = instances.get(1);
		nginx = Nginx.inFrontOf("deployment", one, two);
	}

	@Test
	void shippedConfigurationPassesNginxsCheck() {
		Nginx.ConfigurationCheck check = Nginx.check("check", List.of(one.port(), two.port()));

		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("test is successful");
	}

	@Test
	void pageAndHealthAnswerThroughNginx() throws Exception {
		HttpResponse<String> page = get("/");
		HttpResponse<String> health = get("/actuator/health");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<main id=\"chat\"");
		assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void webSocketClientChatsThroughNginx() {
		try (StompTestClient alice = StompTestClient.connect(nginx.port(), Transport.WEBSOCKET, "alice")) {
			BlockingQueue<JsonNode> room = alice.join("general");
			alice.say("general", "hello through nginx");

			assertThat(next(room).get("text").asString()).isEqualTo("hello through nginx");
		}
	}

	/**
	 * xhr-polling makes a new request for every frame each way, so without affinity to
	 * one instance it fails at once: the other instance does not know the session.
	 */
	@Test
	void sockJsSessionOverXhrPollingChatsWithEveryRequestOnOneInstance() {
		int before = nginx.requests().size();
		try (StompTestClient bob = StompTestClient.connect(nginx.port(), Transport.SOCKJS_XHR_POLLING, "bob")) {
			BlockingQueue<JsonNode> room = bob.join("general");
			for (int i = 1; i <= 5; i++) {
				bob.say("general", "message " + i);
				assertThat(next(room).get("text").asString()).isEqualTo("message " + i);
			}
		}

		Map<String, List<LoggedRequest>> requestsBySession = requestsSince(before).stream()
			.filter((request) -> SOCKJS_SESSION.matcher(request.path()).find())
			.collect(Collectors.groupingBy(NginxDeploymentTests::sockJsSession));
		List<LoggedRequest> bobsSession = requestsBySession.values()
			.stream()
			.max(Comparator.comparingInt(List::size))
			.orElseThrow();
		assertThat(bobsSession).as("a request or more for each frame").hasSizeGreaterThan(10);
		assertThat(requestsBySession)
			.allSatisfy((session, requests) -> assertThat(requests).extracting(LoggedRequest::upstream)
				.containsOnly(requests.get(0).upstream()));
	}

	/**
	 * A request without a SockJS session has an empty hash key, which nginx answers with
	 * round-robin: WebSocket connections are shared out, not all sent to one instance.
	 */
	@Test
	void webSocketConnectionsTakeTurnsBetweenTheInstances() throws IOException {
		List<RawHttp> webSockets = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				webSockets.add(RawHttp.connect(nginx.port()).write(webSocketHandshake("/ws?turn=" + i)));
				assertThat(webSockets.get(i).readResponse().status()).isEqualTo(101);
			}
		}
		finally {
			for (RawHttp webSocket : webSockets) {
				webSocket.close();
			}
		}

		// a WebSocket's request is logged when the connection ends
		List<LoggedRequest> turns = await().atMost(StompTestClient.TIMEOUT)
			.until(() -> nginx.requests().stream().filter((request) -> request.path().startsWith("/ws?turn=")).toList(),
					(logged) -> logged.size() == 4);
		assertThat(turns).anyMatch((request) -> request.answeredBy(one.port()))
			.anyMatch((request) -> request.answeredBy(two.port()));
	}

	/**
	 * nginx finds out that an instance is gone when it refuses a connection, and tries
	 * the other one. Afterwards the instance starts again where it was, behind a new
	 * nginx: this one leaves the instance out for 10 s more, and a SockJS session begun
	 * meanwhile would move back to it half-way.
	 */
	@Test
	void whileAnInstanceIsGoneEveryConnectionReachesTheOther() throws IOException {
		one.kill();
		try {
			for (int i = 0; i < 4; i++) {
				try (RawHttp webSocket = RawHttp.connect(nginx.port()).write(webSocketHandshake("/ws?gone=" + i))) {
					assertThat(webSocket.readResponse().status()).isEqualTo(101);
				}
			}
			List<LoggedRequest> handshakes = await().atMost(StompTestClient.TIMEOUT)
				.until(() -> nginx.requests()
					.stream()
					.filter((request) -> request.path().startsWith("/ws?gone="))
					.toList(), (logged) -> logged.size() == 4);
			assertThat(handshakes).allMatch((request) -> request.answeredBy(two.port()));
		}
		finally {
			one = one.startAgain();
			nginx.close();
			nginx = Nginx.inFrontOf("deployment", one, two);
		}
	}

	@Test
	void webSocketHandshakesFromThePagesOwnOriginAreAcceptedThroughNginx() throws Exception {
		assertThat(webSocketHandshakeStatus(nginx.port(), "/ws", ownOrigin(nginx.port()))).isEqualTo(101);
		assertThat(sockJs(nginx.port(), "GET websocket", ownOrigin(nginx.port()))).isEqualTo(101);
		assertThat(sockJs(nginx.port(), "POST xhr", ownOrigin(nginx.port()))).isEqualTo(200);
	}

	@Test
	void webSocketHandshakesFromAnotherOriginAreRefusedThroughNginx() {
		assertThat(webSocketHandshakeStatus(nginx.port(), "/ws", "https://evil.example")).isEqualTo(403);
	}

	/**
	 * A page on the scheme's default port has an origin without a port, and so has the
	 * Host header its handshake sends, whichever port nginx listens on inside (8080 in a
	 * container published as port 80).
	 */
	@Test
	void pageOnTheDefaultPortIsItsOwnOrigin() throws IOException {
		RawHttp.Response response = RawHttp.exchange(nginx.port(), webSocketHandshake("/ws")
			.replace("Host: localhost:" + nginx.port(), "Host: localhost\r\nOrigin: http://localhost"));

		assertThat(response.status()).isEqualTo(101);
	}

	/** A browser's handshake from the page's own origin. */
	private static String webSocketHandshake(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost:" + nginx.port() + "\r\nOrigin: " + ownOrigin(nginx.port())
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: aGFuZC1tYWRlLWtleS0xNg==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
	}

	private static List<LoggedRequest> requestsSince(int before) {
		List<LoggedRequest> requests = nginx.requests();
		return requests.subList(before, requests.size());
	}

	private static String sockJsSession(LoggedRequest request) {
		Matcher session = SOCKJS_SESSION.matcher(request.path());
		session.find();
		return session.group(1);
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(
				HttpRequest.newBuilder(URI.create(nginx.httpUrl(path))).timeout(Duration.ofSeconds(10)).build(),
				BodyHandlers.ofString());
	}

}
