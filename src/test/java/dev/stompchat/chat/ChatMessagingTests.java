package dev.stompchat.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.IntStream;

import dev.stompchat.support.Stampede;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Chatting through the real server over every transport a client may use. Bursts here are
 * larger than the default send limit allows, so the limit is raised.
 * <p>
 * The overload bound is raised to a minute: on a server just started, the last messages
 * of a burst of a hundred or more may wait longer than the default bound to be handled
 * and be refused, which is {@code OverloadTests}' business, not this test's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.rate-limit.burst=1000", "chat.overload.max-wait=1m" })
class ChatMessagingTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void messageReachesEveryMemberStampedWithSenderTimeAndId(Transport transport) {
		try (StompTestClient alice = StompTestClient.connect(this.port, transport, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, transport, "bob")) {
			BlockingQueue<JsonNode> aliceInbox = alice.join("general");
			BlockingQueue<JsonNode> bobInbox = bob.join("general");
			Instant before = Instant.now();

			alice.say("general", "  hello  ");

			JsonNode atAlice = next(aliceInbox);
			JsonNode atBob = next(bobInbox);
			assertThat(atBob).isEqualTo(atAlice);
			assertThat(atBob.propertyNames()).containsExactlyInAnyOrder("id", "room", "sender", "text", "sentAt",
					"type");
			assertThat(atBob.get("id").asString()).isNotBlank();
			assertThat(atBob.get("room").asString()).isEqualTo("general");
			assertThat(atBob.get("sender").asString()).isEqualTo("alice");
			assertThat(atBob.get("text").asString()).isEqualTo("hello");
			assertThat(atBob.get("type").asString()).isEqualTo("CHAT");
			String sentAt = atBob.get("sentAt").asString();
			assertThat(sentAt).endsWith("Z");
			assertThat(Instant.parse(sentAt)).isCloseTo(before, within(Duration.ofSeconds(5)));
		}
	}

	/**
	 * A frame of this text is several times the server's text buffer, so over plain
	 * WebSocket it arrives in pieces. The leading characters shift the emoji by one
	 * position, so that in one of the two texts a piece ends between the two halves of an
	 * emoji if the container ever split one.
	 */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void longTextOfEmojiAndAccentsArrivesIntact(Transport transport) {
		try (StompTestClient alice = StompTestClient.connect(this.port, transport, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, transport, "bob")) {
			BlockingQueue<JsonNode> bobInbox = bob.join("general");
			String emoji = "\uD83D\uDE00".repeat(1000);
			String shifted = "é" + "\uD83C\uDF89".repeat(999);
			String mixed = "aé€\uD83D\uDE80".repeat(250);

			alice.say("general", emoji);
			alice.say("general", shifted);
			alice.say("general", mixed);

			assertThat(next(bobInbox).get("text").asString()).isEqualTo(emoji);
			assertThat(next(bobInbox).get("text").asString()).isEqualTo(shifted);
			assertThat(next(bobInbox).get("text").asString()).isEqualTo(mixed);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void senderClaimedInTheBodyIsIgnored(Transport transport) {
		try (StompTestClient mallory = StompTestClient.connect(this.port, transport, "mallory")) {
			BlockingQueue<JsonNode> inbox = mallory.join("general");

			mallory.send("/app/rooms.general.send",
					"{\"text\":\"hi\",\"sender\":\"alice\",\"id\":\"1\",\"type\":\"X\"}");

			JsonNode message = next(inbox);
			assertThat(message.get("sender").asString()).isEqualTo("mallory");
			assertThat(message.get("type").asString()).isEqualTo("CHAT");
			assertThat(message.get("id").asString()).isNotEqualTo("1");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void roomsAreIsolated(Transport transport) {
		try (StompTestClient alice = StompTestClient.connect(this.port, transport, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, transport, "bob")) {
			BlockingQueue<JsonNode> aliceInbox = alice.join("kitchen");
			BlockingQueue<JsonNode> bobInbox = bob.join("garden");

			alice.say("kitchen", "for the kitchen");
			bob.say("garden", "for the garden");

			assertThat(next(aliceInbox).get("text").asString()).isEqualTo("for the kitchen");
			assertThat(next(bobInbox).get("text").asString()).isEqualTo("for the garden");
			alice.awaitProcessed();
			bob.awaitProcessed();
			assertThat(aliceInbox).isEmpty();
			assertThat(bobInbox).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void burstFromOneClientArrivesInTheOrderItWasSent(Transport transport) {
		try (StompTestClient alice = StompTestClient.connect(this.port, transport, "alice");
				StompTestClient bob = StompTestClient.connect(this.port, transport, "bob")) {
			BlockingQueue<JsonNode> bobInbox = bob.join("burst");
			int count = 200;

			IntStream.range(0, count).forEach((i) -> alice.say("burst", "message " + i));

			for (int i = 0; i < count; i++) {
				assertThat(next(bobInbox).get("text").asString()).isEqualTo("message " + i);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = Transport.class, names = { "WEBSOCKET", "SOCKJS_WEBSOCKET" })
	void everyMemberSeesOneOrderWhenManySendAtOnce(Transport transport) throws Exception {
		int clients = 6;
		int perClient = 50;
		List<StompTestClient> members = new ArrayList<>();
		try {
			List<BlockingQueue<JsonNode>> inboxes = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				StompTestClient member = StompTestClient.connect(this.port, transport, "member" + i);
				members.add(member);
				inboxes.add(member.join("busy"));
			}

			Stampede.sendConcurrently(members, "busy", perClient);

			Stampede.assertOneOrder(inboxes,
					members.stream().map((member) -> member.connectedHeaders().getFirst("user-name")).toList(),
					perClient);
		}
		finally {
			members.forEach(StompTestClient::close);
		}
	}

}
