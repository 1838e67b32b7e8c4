package dev.stompchat.history;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

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
 * A room's recent past, with and without the id of the last message a client saw. Rooms
 * keep five messages here so that the gap case is quick to reach.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.history.size=5")
class HistoryTests {

	@LocalServerPort
	int port;

	@Test
	void historyHoldsTheRoomsMessagesOldestFirstInBroadcastOrder() {
		try (StompTestClient alice = connect("alice")) {
			List<JsonNode> broadcast = say(alice, "ordered", "one", "two", "three");

			JsonNode history = alice.request("/app/rooms.ordered.history");

			assertThat(history.get("room").asString()).isEqualTo("ordered");
			assertThat(history.get("complete").asBoolean()).isTrue();
			assertThat(history.get("messages").valueStream().toList()).isEqualTo(broadcast);
		}
	}

	@Test
	void historyWithSinceHoldsOnlyWhatCameAfter() {
		try (StompTestClient alice = connect("alice")) {
			List<JsonNode> broadcast = say(alice, "since", "one", "two", "three", "four");

			JsonNode history = alice.request("/app/rooms.since.history", "since",
					broadcast.get(1).get("id").asString());

			assertThat(history.get("complete").asBoolean()).isTrue();
			assertThat(texts(history)).containsExactly("three", "four");
		}
	}

	@Test
	void historySinceTheLatestMessageIsEmptyAndComplete() {
		try (StompTestClient alice = connect("alice")) {
			List<JsonNode> broadcast = say(alice, "up-to-date", "one", "two");

			JsonNode history = alice.request("/app/rooms.up-to-date.history", "since",
					broadcast.get(1).get("id").asString());

			assertThat(history.get("complete").asBoolean()).isTrue();
			assertThat(history.get("messages")).isEmpty();
		}
	}

	@Test
	void historyKeepsTheLastMessagesAndReportsTheGapToAClientThatMissedOlderOnes() {
		try (StompTestClient alice = connect("alice")) {
			List<JsonNode> broadcast = say(alice, "gap", "1", "2", "3", "4", "5", "6", "7", "8");

			JsonNode all = alice.request("/app/rooms.gap.history");
			JsonNode sinceFirst = alice.request("/app/rooms.gap.history", "since",
					broadcast.get(0).get("id").asString());
			JsonNode sinceThird = alice.request("/app/rooms.gap.history", "since",
					broadcast.get(2).get("id").asString());

			assertThat(texts(all)).containsExactly("4", "5", "6", "7", "8");
			assertThat(all.get("complete").asBoolean()).isFalse();
			assertThat(texts(sinceFirst)).containsExactly("4", "5", "6", "7", "8");
			assertThat(sinceFirst.get("complete").asBoolean()).isFalse();
			assertThat(texts(sinceThird)).containsExactly("4", "5", "6", "7", "8");
			assertThat(sinceThird.get("complete").asBoolean()).isTrue();
		}
	}

	@Test
	void historyLeavesOutPresenceAnnouncements() {
		try (StompTestClient alice = connect("alice"); StompTestClient bob = connect("bob")) {
			say(alice, "quiet-history", "hello");
			bob.join("quiet-history");

			assertThat(texts(bob.request("/app/rooms.quiet-history.history"))).containsExactly("hello");
		}
	}

	@Test
	void roomWithoutMessagesHasAnEmptyCompleteHistory() {
		try (StompTestClient alice = connect("alice")) {
			JsonNode history = alice.request("/app/rooms.never-used.history");

			assertThat(history.get("messages")).isEmpty();
			assertThat(history.get("complete").asBoolean()).isTrue();
		}
	}

	@Test
	void sinceAnIdThisServerNeverGaveOutIsAGap() {
		try (StompTestClient alice = connect("alice")) {
			say(alice, "unknown-since", "one");

			JsonNode history = alice.request("/app/rooms.unknown-since.history", "since", "not-an-id");

			assertThat(texts(history)).containsExactly("one");
			assertThat(history.get("complete").asBoolean()).isFalse();
		}
	}

	@Test
	void historyOfAnInvalidRoomIsAnError() {
		try (StompTestClient alice = connect("alice")) {
			alice.subscribe("/app/rooms.Bad_Room.history");

			JsonNode error = alice.nextError();
			assertThat(error.get("code").asString()).isEqualTo("INVALID_ROOM");
			assertThat(error.get("destination").asString()).isEqualTo("/app/rooms.Bad_Room.history");
		}
	}

	@Test
	void unknownApplicationSubscriptionIsAnError() {
		try (StompTestClient alice = connect("alice")) {
			alice.subscribe("/app/rooms.general.secrets");

			assertThat(alice.nextError().get("code").asString()).isEqualTo("UNKNOWN_DESTINATION");
			assertThat(alice.isConnected()).isTrue();
		}
	}

	private StompTestClient connect(String nickname) {
		return StompTestClient.connect(this.port, Transport.WEBSOCKET, nickname);
	}

	private static List<JsonNode> say(StompTestClient client, String room, String... texts) {
		BlockingQueue<JsonNode> inbox = client.join(room);
		for (String text : texts) {
			client.say(room, text);
		}
		return Stream.of(texts).map((text) -> next(inbox)).toList();
	}

	private static List<String> texts(JsonNode history) {
		return history.get("messages").valueStream().map((message) -> message.get("text").asString()).toList();
	}

}
