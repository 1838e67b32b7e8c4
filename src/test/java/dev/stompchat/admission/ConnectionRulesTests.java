package dev.stompchat.admission;

import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a connection must do to be let in, and what ends it: nickname rules, allowed
 * destinations, frame size limits and heart-beats, checked with raw frames.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConnectionRulesTests {

	@LocalServerPort
	int port;

	@Test
	void connectWithoutNicknameIsRefusedAndClosed() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");

			assertThat(socket.nextErrorMessage())
				.isEqualTo("Missing 'nickname' header: CONNECT must carry the name you chat under.");
			assertThat(socket.awaitClose()).isNotNull();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "''                                   | The nickname is empty",
			"'   '                                | The nickname is empty",
			"abcdefghijklmnopqrstuvwxyz1234567    | The nickname has 33 characters; at most 32 are allowed.",
			"<b>bold</b>                          | contains characters that are not allowed",
			"alice/bob                            | contains characters that are not allowed",
			"tab\\there                           | contains characters that are not allowed",
			"pаypal                               | The nickname mixes Latin and Cyrillic letters, which could imitate another name: write it in one script.",
			"Δelta                                | The nickname mixes Greek and Latin letters",
			"agent 00٧                            | The nickname mixes digits of different number systems" })
	void invalidNicknameIsRefusedWithWhatIsWrong(String nickname, String expectedMessage) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:" + nickname + "\n\n\0");

			assertThat(socket.nextErrorMessage()).contains(expectedMessage);
			assertThat(socket.awaitClose()).isNotNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "<b>bold</b>", "alice/bob", "pаypal", "agent 00٧", "abcdefghijklmnopqrstuvwxyz1234567" })
	void refusedNicknameIsNotRepeatedInTheErrorFrame(String nickname) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:" + nickname + "\n\n\0");

			assertThat(socket.nextErrorMessage()).startsWith("The nickname ").doesNotContain(nickname);
		}
	}

	@Test
	void letterWithThirtyOneAccentsIsRefusedWhileARoomMemberKeepsChatting() throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				RawStompSocket socket = RawStompSocket.open(this.port)) {
			BlockingQueue<JsonNode> inbox = alice.join("general");

			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:a" + "\u0301".repeat(31) + "\n\n\0");

			assertThat(socket.nextErrorMessage())
				.isEqualTo("The nickname has more than 3 accents or other marks on one letter: at most 3 are allowed.");
			assertThat(socket.awaitClose()).isNotNull();
			alice.say("general", "still chatting");
			assertThat(next(inbox).get("text").asString()).isEqualTo("still chatting");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "José        | José", "'  李小龙 '  | 李小龙", "anna-maria_1.x | anna-maria_1.x",
					"Anna Maria  | Anna Maria", "abcdefghijklmnopqrstuvwxyz123456 | abcdefghijklmnopqrstuvwxyz123456",
					"'Anna   Maria' | Anna Maria", "Мария | Мария", "Ωμέγα | Ωμέγα", "Nguyễn Thị Ánh | Nguyễn Thị Ánh",
					"محمد | محمد", "राज | राज", "สมชาย | สมชาย", "Ali 李 | Ali 李" })
	void validNicknameBecomesThePrincipalTrimmedWithOneSpaceBetweenWords(String nickname, String expected) {
		try (StompTestClient client = StompTestClient.connect(this.port, Transport.WEBSOCKET, nickname)) {
			assertThat(client.connectedHeaders().getFirst("user-name")).isEqualTo(expected);
			BlockingQueue<JsonNode> inbox = client.join("general");

			client.say("general", "hi");

			assertThat(next(inbox).get("sender").asString()).isEqualTo(expected);
		}
	}

	@Test
	void subscribingToAnInvalidRoomSaysWhatIsWrongWithTheName() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connectAs(this.port, "eve")) {
			socket.send("SUBSCRIBE\nid:0\ndestination:/topic/rooms.Bad_Room\n\n\0");

			assertThat(socket.nextErrorMessage()).isEqualTo("Subscribing to '/topic/rooms.Bad_Room' is not allowed: "
					+ "Invalid room name 'Bad_Room': use 1 to 32 lowercase letters, digits or hyphens, "
					+ "starting with a letter or digit.");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/anything", "/topic/rooms.Bad_Room", "/topic/rooms.general.secret", "/queue/errors",
			"/queue/errors-user1234", "/user/bob/queue/errors", "/user/queue/other", "/apps/rooms" })
	void subscribingOutsideRoomsAndOwnErrorsIsRefusedNamingTheDestination(String destination) throws Exception {
		try (RawStompSocket socket = RawStompSocket.connectAs(this.port, "eve")) {
			socket.send("SUBSCRIBE\nid:0\ndestination:" + destination + "\n\n\0");

			assertThat(socket.nextErrorMessage()).contains("'" + destination + "'").contains("not allowed");
			assertThat(socket.awaitClose()).isNotNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/rooms.general", "/queue/errors-user1234", "/user/alice/queue/errors", "/app" })
	void sendingAnywhereButTheApplicationIsRefusedAndNothingIsDelivered(String destination) throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				RawStompSocket eve = RawStompSocket.connectAs(this.port, "eve")) {
			BlockingQueue<JsonNode> inbox = alice.join("general");

			eve.send("SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n"
					+ "{\"id\":\"1\",\"room\":\"general\",\"sender\":\"alice\",\"text\":\"forged\",\"type\":\"CHAT\"}\0");

			assertThat(eve.nextErrorMessage()).contains("'" + destination + "'").contains("not allowed");
			eve.awaitClose();
			alice.say("general", "genuine");
			assertThat(next(inbox).get("text").asString()).isEqualTo("genuine");
			alice.awaitProcessed();
			assertThat(alice.errors()).isEmpty();
		}
	}

	@Test
	void frameBeforeConnectIsRefused() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("SUBSCRIBE\nid:0\ndestination:/topic/rooms.general\n\n\0");

			assertThat(socket.nextErrorMessage()).isEqualTo("Send CONNECT before any other frame.");
			assertThat(socket.awaitClose()).isNotNull();
		}
	}

	@Test
	void unknownCommandGetsAPlainSentence() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connectAs(this.port, "eve")) {
			socket.send("SHOUT\n\n\0");

			assertThat(socket.nextErrorMessage()).isEqualTo("Malformed STOMP frame: unknown command.");
		}
	}

	@Test
	void frameJustUnderTheLimitIsReadAndJudged() {
		try (StompTestClient client = StompTestClient.connect(this.port, Transport.WEBSOCKET, "verbose")) {
			client.say("general", "x".repeat(15 * 1024));

			JsonNode error = client.nextError();
			assertThat(error.get("code").asString()).isEqualTo("TEXT_TOO_LONG");
			assertThat(client.isConnected()).isTrue();
		}
	}

	@Test
	void frameOverTheByteLimitClosesOnlyThatConnection() throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				RawStompSocket eve = RawStompSocket.connectAs(this.port, "eve")) {
			BlockingQueue<JsonNode> inbox = alice.join("general");

			// 6000 three-byte characters: within the container's character buffer, over
			// the byte limit
			eve.send(sendFrame("€".repeat(6000)));

			assertThat(eve.nextErrorMessage()).isEqualTo("The frame is larger than the 16384-byte limit.");
			assertThat(eve.awaitClose()).isNotNull();
			alice.say("general", "still chatting");
			assertThat(next(inbox).get("text").asString()).isEqualTo("still chatting");
		}
	}

	@Test
	void frameFarOverTheLimitGetsAnErrorFrameAndClosesOnlyThatConnection() throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				RawStompSocket eve = RawStompSocket.connectAs(this.port, "eve")) {
			BlockingQueue<JsonNode> inbox = alice.join("general");

			eve.send(sendFrame("x".repeat(20 * 1024)));

			assertThat(eve.nextErrorMessage()).isEqualTo("The frame is larger than the 16384-byte limit.");
			assertThat(eve.awaitClose().getCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR.getCode());
			alice.say("general", "still chatting");
			assertThat(next(inbox).get("text").asString()).isEqualTo("still chatting");
		}
	}

	@Test
	void serverNegotiatesTenSecondHeartbeats() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:beat\nheart-beat:5000,5000\n\n\0");

			String connected = socket.nextFrame();
			assertThat(connected).startsWith("CONNECTED\n").contains("\nheart-beat:10000,10000\n");
		}
	}

	private static String sendFrame(String text) {
		return "SEND\ndestination:/app/rooms.general.send\ncontent-type:application/json\n\n{\"text\":\"" + text
				+ "\"}\0";
	}

}
