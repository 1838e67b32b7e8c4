package dev.stompchat.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.simp.stomp.StompHeaders;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence is the cluster's: one person in tabs on two instances joins once and leaves
 * once, and the members and rooms answers agree on every instance.
 */
@ExtendWith(RabbitMq.class)
class ClusterPresenceTests {

	@AutoClose
	private static ChatNode first;

	@AutoClose
	private static ChatNode second;

	@BeforeAll
	static void startTwoInstances(RabbitMqBroker broker) {
		first = ChatNode.start(broker.streamPrefix());
		second = ChatNode.start(broker.streamPrefix());
	}

	@Test
	void onePersonInTabsOnBothInstancesJoinsOnceAndLeavesOnce() {
		try (StompTestClient observer = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "observer")) {
			BlockingQueue<JsonNode> room = observer.joinWithPresence("tabs");
			StompTestClient tabOnFirst = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "frank");
			tabOnFirst.joinWithPresence("tabs");
			StompHeaders withToken = new StompHeaders();
			withToken.set("nickname-token", tabOnFirst.connectedHeaders().getFirst("nickname-token"));
			StompTestClient tabOnSecond = StompTestClient.connect(second.port(), Transport.SOCKJS_WEBSOCKET, "frank",
					withToken);
			tabOnSecond.joinWithPresence("tabs");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(ChatNode.members(observer, "tabs"))
					.containsExactlyInAnyOrder("observer", "frank"));

			tabOnFirst.close();
			tabOnSecond.close();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(ChatNode.members(observer, "tabs")).containsExactly("observer"));
			observer.say("tabs", "that is all");

			List<String> heard = new ArrayList<>();
			for (JsonNode message = next(room); !"CHAT".equals(message.get("type").asString()); message = next(room)) {
				heard.add(message.get("type").asString() + " " + message.get("sender").asString());
			}
			assertThat(heard).containsExactly("JOIN observer", "JOIN frank", "LEAVE frank");
		}
	}

	@Test
	void membersAndRoomsAgreeOnEveryInstance() {
		try (StompTestClient grace = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "grace");
				StompTestClient heidi = StompTestClient.connect(second.port(), Transport.WEBSOCKET, "heidi");
				StompTestClient ivan = StompTestClient.connect(second.port(), Transport.WEBSOCKET, "ivan")) {
			grace.join("agree");
			heidi.join("agree");
			ivan.join("elsewhere");

			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(ChatNode.members(grace, "agree")).containsExactlyInAnyOrder("grace", "heidi");
				assertThat(ChatNode.members(ivan, "agree")).containsExactlyInAnyOrder("grace", "heidi");
				assertThat(grace.request("/app/rooms")).isEqualTo(ivan.request("/app/rooms"));
			});
			JsonNode rooms = ivan.request("/app/rooms");
			assertThat(rooms.toString()).contains("\"agree\"").contains("\"elsewhere\"");
		}
	}

}
