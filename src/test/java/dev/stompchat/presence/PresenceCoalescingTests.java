package dev.stompchat.presence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a room larger than {@code chat.presence.coalesce-above} (2 here), arrivals and
 * departures are gathered for a window (1 s here) and announced together, as PRESENCE
 * messages, instead of one JOIN or LEAVE each.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.presence.coalesce-above=2", "chat.presence.window=1s" })
class PresenceCoalescingTests {

	private static final int CROWD = 6;

	@LocalServerPort
	int port;

	@Test
	void crowdArrivingAndLeavingIsAnnouncedInFewerMessagesThanPeople() {
		List<StompTestClient> crowd = new ArrayList<>();
		try (StompTestClient observer = connect("observer"); StompTestClient alice = connect("alice")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("crowded");
			assertJoin(next(inbox), "observer");
			alice.join("crowded");
			assertJoin(next(inbox), "alice");
			for (int i = 0; i < CROWD; i++) {
				crowd.add(connect("guest" + i));
			}

			crowd.forEach((guest) -> guest.subscribe("/topic/rooms.crowded"));

			Set<String> joined = new HashSet<>();
			int announcements = 0;
			while (joined.size() < CROWD) {
				JsonNode presence = next(inbox);
				assertThat(presence.get("type").asString()).isEqualTo("PRESENCE");
				assertThat(presence.propertyNames()).containsExactlyInAnyOrder("id", "room", "sender", "text", "sentAt",
						"type", "joined", "left");
				assertThat(presence.get("left")).isEmpty();
				presence.get("joined").valueStream().forEach((nickname) -> joined.add(nickname.asString()));
				announcements++;
			}
			assertThat(joined).hasSize(CROWD).allMatch((nickname) -> nickname.startsWith("guest"));
			assertThat(announcements).isLessThan(CROWD);
			assertThat(observer.request("/app/rooms.crowded.members").get("members")).hasSize(CROWD + 2);

			crowd.forEach(StompTestClient::close);

			Set<String> left = new HashSet<>();
			while (left.size() < CROWD) {
				JsonNode presence = next(inbox);
				assertThat(presence.get("type").asString()).isEqualTo("PRESENCE");
				presence.get("left").valueStream().forEach((nickname) -> left.add(nickname.asString()));
			}
			assertThat(left).isEqualTo(joined);
			assertThat(observer.request("/app/rooms.crowded.members").get("members")).hasSize(2);
		}
		finally {
			crowd.forEach(StompTestClient::close);
		}
	}

	@Test
	void chatMessagesKeepTheirShapeAlongsidePresenceMessages() {
		try (StompTestClient observer = connect("observer")) {
			BlockingQueue<JsonNode> inbox = observer.join("shape");

			observer.say("shape", "hello");

			assertThat(next(inbox).propertyNames()).containsExactlyInAnyOrder("id", "room", "sender", "text", "sentAt",
					"type");
		}
	}

	private StompTestClient connect(String nickname) {
		return StompTestClient.connect(this.port, Transport.WEBSOCKET, nickname);
	}

	private static void assertJoin(JsonNode message, String nickname) {
		assertThat(message.get("type").asString()).isEqualTo("JOIN");
		assertThat(message.get("sender").asString()).isEqualTo(nickname);
	}

}
