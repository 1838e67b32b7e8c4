package dev.stompchat.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.ChatInstance;
import dev.stompchat.support.Nginx;
import dev.stompchat.support.Nginx.LoggedRequest;
import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sharing rooms through RabbitMQ streams ({@code chat.broker=rabbitmq})
 * behind nginx with the shipped configuration, as docker-compose.yml runs them: people
 * whom nginx sends to different instances chat with each other.
 */
@ExtendWith({ Nginx.Installed.class, RabbitMq.class })
class NginxClusterTests {

	@AutoClose
	private static Nginx nginx;

	@AutoClose
	private static ChatInstance one;

	@AutoClose
	private static ChatInstance two;

	@BeforeAll
	static void start(RabbitMqBroker broker) {
		List<String> arguments = new ArrayList<>(broker.instanceArguments());
		arguments.add("--server.forward-headers-strategy=native");
		List<ChatInstance> instances = ChatInstance.startAll(ChatInstance.named("cluster-chat-1").arguments(arguments),
				ChatInstance.named("cluster-chat-2").arguments(arguments));
		one = instances.get(0);
		two = instances.get(1);
		nginx = Nginx.inFrontOf("cluster", one, two);
	}

	/**
	 * Connections one after the other take turns between the instances (round-robin, as
	 * {@code NginxDeploymentTests} shows), which nginx's log confirms once they ended.
	 */
	@Test
	void twoPeopleOnTwoInstancesSeeEachOthersMessagesThroughNginx() {
		int before = nginx.requests().size();
		try (StompTestClient alice = StompTestClient.connect(nginx.port(), Transport.WEBSOCKET, "alice");
				StompTestClient bob = StompTestClient.connect(nginx.port(), Transport.WEBSOCKET, "bob")) {
			BlockingQueue<JsonNode> aliceSees = alice.join("general");
			BlockingQueue<JsonNode> bobSees = bob.join("general");

			alice.say("general", "hello from alice");
			assertThat(next(bobSees).get("text").asString()).isEqualTo("hello from alice");
			bob.say("general", "hello from bob");
			assertThat(next(aliceSees).get("text").asString()).isEqualTo("hello from alice");
			assertThat(next(aliceSees).get("text").asString()).isEqualTo("hello from bob");
		}

		List<LoggedRequest> handshakes = await().atMost(StompTestClient.TIMEOUT).until(() -> {
			List<LoggedRequest> requests = nginx.requests();
			return requests.subList(before, requests.size())
				.stream()
				.filter((request) -> request.path().equals("/ws") && request.status() == 101)
				.toList();
		}, (logged) -> logged.size() == 2);
		assertThat(handshakes).anyMatch((request) -> request.answeredBy(one.port()))
			.anyMatch((request) -> request.answeredBy(two.port()));
	}

	/**
	 * Two SockJS sessions over xhr-polling, a request for every frame, each on its own
	 * instance: nginx hashes a session's id onto an instance, so the second person
	 * reconnects, with a new session id, until nginx puts them on the other one.
	 */
	@Test
	void twoPeopleOverXhrPollingOnTwoInstancesSeeEachOthersMessagesThroughNginx() {
		StompTestClient carol = StompTestClient.connect(nginx.port(), Transport.SOCKJS_XHR_POLLING, "carol");
		String carolsInstance = lastSessionUpstream();
		StompTestClient onTheOther = StompTestClient.connect(nginx.port(), Transport.SOCKJS_XHR_POLLING, "dave");
		for (int attempt = 0; attempt < 20 && lastSessionUpstream().equals(carolsInstance); attempt++) {
			onTheOther.close();
			onTheOther = StompTestClient.connect(nginx.port(), Transport.SOCKJS_XHR_POLLING, "dave");
		}
		assertThat(lastSessionUpstream()).isNotEqualTo(carolsInstance);
		StompTestClient dave = onTheOther;
		try (carol; dave) {
			BlockingQueue<JsonNode> carolSees = carol.join("polling");
			BlockingQueue<JsonNode> daveSees = dave.join("polling");

			for (int i = 0; i < 3; i++) {
				carol.say("polling", "carol " + i);
				assertThat(next(daveSees).get("text").asString()).isEqualTo("carol " + i);
				assertThat(next(carolSees).get("text").asString()).isEqualTo("carol " + i);
				dave.say("polling", "dave " + i);
				assertThat(next(carolSees).get("text").asString()).isEqualTo("dave " + i);
				assertThat(next(daveSees).get("text").asString()).isEqualTo("dave " + i);
			}
		}
	}

	/** The instance that answered the requests of the SockJS session opened last. */
	private static String lastSessionUpstream() {
		List<LoggedRequest> xhr = nginx.requests()
			.stream()
			.filter((request) -> request.path().endsWith("/xhr"))
			.toList();
		LoggedRequest last = xhr.get(xhr.size() - 1);
		String session = last.path().substring(0, last.path().lastIndexOf('/'));
		assertThat(xhr).filteredOn((request) -> request.path().startsWith(session + "/"))
			.extracting(LoggedRequest::upstream)
			.containsOnly(last.upstream());
		return last.upstream();
	}

}
