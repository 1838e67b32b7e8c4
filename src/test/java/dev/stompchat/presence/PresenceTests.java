package dev.stompchat.presence;

import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.StompTestClient.Subscribed;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is in a room: JOIN and LEAVE announcements, the members list and the list of active
 * rooms. Each test uses a room of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PresenceTests {

	@LocalServerPort
	int port;

	@Test
	void firstSubscriptionOfANicknameIsAnnouncedAsJoin() {
		try (StompTestClient observer = connect("observer"); StompTestClient alice = connect("alice")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("join-room");
			assertPresence(next(inbox), "JOIN", "observer", "join-room");

			alice.join("join-room");

			assertPresence(next(inbox), "JOIN", "alice", "join-room");
		}
	}

	@Test
	void secondTabOfTheSameNicknameIsNotAnnouncedAndCountsOnce() {
		try (StompTestClient observer = connect("observer");
				StompTestClient firstTab = connect("alice");
				StompTestClient secondTab = connect("alice")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("tabs");
			firstTab.join("tabs");
			secondTab.join("tabs");
			secondTab.say("tabs", "from the second tab");

			assertPresence(next(inbox), "JOIN", "observer", "tabs");
			assertPresence(next(inbox), "JOIN", "alice", "tabs");
			assertThat(next(inbox).get("type").asString()).isEqualTo("CHAT");
			assertThat(membersOf(observer, "tabs")).containsExactly("observer", "alice");
		}
	}

	@Test
	void leaveIsAnnouncedOnlyWhenTheLastTabLeaves() {
		try (StompTestClient observer = connect("observer")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("last-tab");
			next(inbox);
			StompTestClient firstTab = connect("alice");
			StompTestClient secondTab = connect("alice");
			firstTab.join("last-tab");
			secondTab.join("last-tab");
			assertPresence(next(inbox), "JOIN", "alice", "last-tab");

			firstTab.close();
			observer.say("last-tab", "marker");
			assertThat(next(inbox).get("text").asString()).isEqualTo("marker");
			secondTab.close();

			assertPresence(next(inbox), "LEAVE", "alice", "last-tab");
			assertThat(membersOf(observer, "last-tab")).containsExactly("observer");
		}
	}

	@Test
	void unsubscribeIsAnnouncedAsLeave() {
		try (StompTestClient observer = connect("observer"); StompTestClient alice = connect("alice")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("unsubscribe");
			Subscribed subscribed = alice.joinForUnsubscribe("unsubscribe");
			next(inbox);
			assertPresence(next(inbox), "JOIN", "alice", "unsubscribe");

			subscribed.subscription().unsubscribe();

			assertPresence(next(inbox), "LEAVE", "alice", "unsubscribe");
			assertThat(alice.isConnected()).isTrue();
		}
	}

	@Test
	void disconnectIsAnnouncedAsLeave() {
		try (StompTestClient observer = connect("observer")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("disconnect");
			next(inbox);
			StompTestClient alice = connect("alice");
			alice.join("disconnect");
			assertPresence(next(inbox), "JOIN", "alice", "disconnect");

			alice.close();

			assertPresence(next(inbox), "LEAVE", "alice", "disconnect");
		}
	}

	@Test
	void closedSocketWithoutDisconnectIsAnnouncedAsLeave() throws Exception {
		try (StompTestClient observer = connect("observer")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("abrupt");
			next(inbox);
			RawStompSocket alice = RawStompSocket.connectAs(this.port, "alice");
			alice.send("SUBSCRIBE\nid:0\ndestination:/topic/rooms.abrupt\n\n\0");
			assertPresence(next(inbox), "JOIN", "alice", "abrupt");

			alice.close();

			assertPresence(next(inbox), "LEAVE", "alice", "abrupt");
		}
	}

	@Test
	void membersListNamesEveryoneInTheRoomOnceWithTheTimeTheyCame() {
		try (StompTestClient alice = connect("alice");
				StompTestClient bob = connect("bob");
				StompTestClient outsider = connect("carol")) {
			alice.join("members");
			bob.join("members");
			outsider.join("elsewhere");

			JsonNode answer = outsider.request("/app/rooms.members.members");

			assertThat(answer.get("room").asString()).isEqualTo("members");
			assertThat(answer.get("members")).hasSize(2);
			assertThat(answer.get("members").get(0).get("nickname").asString()).isEqualTo("alice");
			assertThat(answer.get("members").get(0).get("since").asString()).endsWith("Z");
			assertThat(answer.get("members").get(1).get("nickname").asString()).isEqualTo("bob");
		}
	}

	@Test
	void activeRoomsAreListedWithTheirMemberCounts() {
		try (StompTestClient alice = connect("alice"); StompTestClient bob = connect("bob")) {
			alice.join("busy-room");
			bob.join("busy-room");
			bob.join("quiet-room");

			JsonNode rooms = alice.request("/app/rooms").get("rooms");

			assertThat(rooms.valueStream()
				.filter((room) -> room.get("room").asString().endsWith("-room"))
				.map((room) -> room.get("room").asString() + "=" + room.get("members").asInt()))
				.containsExactly("busy-room=2", "quiet-room=1");
		}
	}

	@Test
	void membersOfAnInvalidRoomAreAnError() {
		try (StompTestClient alice = connect("alice")) {
			alice.subscribe("/app/rooms.Bad_Room.members");

			assertThat(alice.nextError().get("code").asString()).isEqualTo("INVALID_ROOM");
		}
	}

	private StompTestClient connect(String nickname) {
		return StompTestClient.connect(this.port, Transport.WEBSOCKET, nickname);
	}

	private static List<String> membersOf(StompTestClient client, String room) {
		return client.request("/app/rooms." + room + ".members")
			.get("members")
			.valueStream()
			.map((member) -> member.get("nickname").asString())
			.toList();
	}

	private static void assertPresence(JsonNode message, String type, String nickname, String room) {
		assertThat(message.get("type").asString()).isEqualTo(type);
		assertThat(message.get("sender").asString()).isEqualTo(nickname);
		assertThat(message.get("room").asString()).isEqualTo(room);
		assertThat(message.get("id").asString()).isNotBlank();
	}

}
