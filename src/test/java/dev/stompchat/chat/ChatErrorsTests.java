package dev.stompchat.chat;

import java.util.concurrent.BlockingQueue;

import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad SEND is answered on the sender's error queue, broadcasts nothing, and leaves
 * every connection usable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.max-text-length=20")
class ChatErrorsTests {

	@LocalServerPort
	int port;

	StompTestClient sender;

	StompTestClient observer;

	BlockingQueue<JsonNode> senderInbox;

	BlockingQueue<JsonNode> observerInbox;

	@BeforeEach
	void joinRoom() {
		this.sender = StompTestClient.connect(this.port, Transport.WEBSOCKET, "sender");
		this.observer = StompTestClient.connect(this.port, Transport.WEBSOCKET, "observer");
		this.senderInbox = this.sender.join("errors");
		this.observerInbox = this.observer.join("errors");
	}

	@AfterEach
	void leave() {
		this.sender.close();
		this.observer.close();
	}

	@ParameterizedTest(name = "{0} for body {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "INVALID_JSON  | not json", "INVALID_JSON  | {\"text\":", "INVALID_JSON  | ``",
					"TEXT_EMPTY    | {}", "TEXT_EMPTY    | {\"text\":null}", "TEXT_EMPTY    | {\"text\":\"\"}",
					"TEXT_EMPTY    | {\"text\":\"  \\n\\t \"}", "TEXT_EMPTY    | {\"text\":\"\\u0000\\u0007\\u001b \"}",
					"TEXT_TOO_LONG | {\"text\":\"123456789012345678901\"}",
					"INVALID_TEXT  | {\"text\":\"broken \\ud83d pair\"}",
					"INVALID_TEXT  | {\"text\":\"\\udc00 alone\"}" })
	void badBodyIsAnsweredWithItsCodeAndNotBroadcast(ChatErrorCode code, String body) {
		this.sender.send("/app/rooms.errors.send", body);

		assertRefusedThenStillChatting(code, "/app/rooms.errors.send");
	}

	@Test
	void textOfExactlyTheMaximumLengthIsAccepted() {
		this.sender.say("errors", "12345678901234567890");

		assertThat(next(this.observerInbox).get("text").asString()).isEqualTo("12345678901234567890");
	}

	@Test
	void lengthCountsCharactersNotBytes() {
		String twentyEmoji = "😀".repeat(20);
		this.sender.say("errors", twentyEmoji);

		assertThat(next(this.observerInbox).get("text").asString()).isEqualTo(twentyEmoji);
	}

	@Test
	void controlCharactersOtherThanNewlineAndTabAreRemoved() {
		this.sender.send("/app/rooms.errors.send", "{\"text\":\"a\\u0000b\\u0007c\\nd\\te\\u001b[31m\"}");

		assertThat(next(this.observerInbox).get("text").asString()).isEqualTo("abc\nd\te[31m");
	}

	@Test
	void tooLongErrorSaysTheLimit() {
		this.sender.say("errors", "x".repeat(21));

		JsonNode error = this.sender.nextError();
		assertThat(error.get("code").asString()).isEqualTo("TEXT_TOO_LONG");
		assertThat(error.get("message").asString()).contains("21").contains("20");
	}

	@ParameterizedTest
	@CsvSource({ "/app/rooms.Bad_Room.send, INVALID_ROOM", "/app/rooms.-dash-first.send, INVALID_ROOM",
			"/app/rooms.errors.shout, UNKNOWN_DESTINATION", "/app/nowhere, UNKNOWN_DESTINATION",
			"/app/rooms.a.b.send, UNKNOWN_DESTINATION" })
	void badDestinationIsAnsweredWithItsCode(String destination, ChatErrorCode code) {
		this.sender.send(destination, "{\"text\":\"hello\"}");

		assertRefusedThenStillChatting(code, destination);
	}

	@Test
	void errorGoesOnlyToTheConnectionThatErred() {
		try (StompTestClient secondTab = StompTestClient.connect(this.port, Transport.WEBSOCKET, "sender")) {
			this.sender.say("errors", "");
			this.sender.nextError();

			secondTab.awaitProcessed();
			assertThat(secondTab.errors()).isEmpty();
		}
	}

	private void assertRefusedThenStillChatting(ChatErrorCode code, String destination) {
		JsonNode error = this.sender.nextError();
		assertThat(error.propertyNames()).containsExactlyInAnyOrder("code", "message", "destination");
		assertThat(error.get("code").asString()).isEqualTo(code.name());
		assertThat(error.get("message").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("org.");
		assertThat(error.get("destination").asString()).isEqualTo(destination);

		this.sender.say("errors", "still here");
		assertThat(next(this.observerInbox).get("text").asString()).isEqualTo("still here");
		assertThat(next(this.senderInbox).get("text").asString()).isEqualTo("still here");
		assertThat(this.sender.isConnected()).isTrue();
		assertThat(this.observer.errors()).isEmpty();
	}

}
