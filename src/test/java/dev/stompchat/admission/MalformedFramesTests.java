package dev.stompchat.admission;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.stompchat.support.Bystander;
import dev.stompchat.support.HandMadeWebSocket;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A corpus of broken input, each item on a fresh connection: every one is answered with
 * an ERROR frame in plain words or a close with a reason, leaves one log line and no
 * stack trace, and an innocent member of the room keeps chatting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.incomplete-frame-timeout=1s")
@ExtendWith(OutputCaptureExtension.class)
class MalformedFramesTests {

	private static final String SEND = "SEND\ndestination:/app/rooms.general.send\n";

	@LocalServerPort
	int port;

	@RegisterExtension
	final Bystander innocent = Bystander.inRoom("general");

	static Stream<Arguments> brokenFrames() {
		return Stream.of(arguments("unknown command", "SHOUT\n\n\0", "Malformed STOMP frame: unknown command."),
				arguments("missing NUL terminator", SEND + "\n{\"text\":\"hi\"}",
						"Incomplete frame: the rest of it did not arrive within 1 s."),
				arguments("content-length larger than the body, then quiet",
						SEND + "content-length:5000\n\n{\"text\":\"hi\"}\0",
						"Incomplete frame: the rest of it did not arrive within 1 s."),
				arguments("content-length smaller than the body", SEND + "content-length:3\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: the body must end with a NUL octet right after content-length bytes."),
				arguments("content-length not a number", SEND + "content-length:abc\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: content-length must be a number of bytes."),
				arguments("negative content-length", SEND + "content-length:-1\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: content-length must be a number of bytes."),
				arguments("content-length twice", SEND + "content-length:13\ncontent-length:2\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: content-length must appear only once."),
				arguments("carriage return without line feed", SEND + "receipt:r1\rinjected:yes\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: a carriage return must be followed by a line feed."),
				arguments("escaped line break injecting a header",
						SEND + "receipt:r1\\nmessage:forged\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: a header must not contain a line break."),
				arguments("header without a colon", SEND + "no colon here\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: a header must be of the form name:value."),
				arguments("illegal escape", SEND + "receipt:a\\tb\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: a header contains an illegal escape sequence."),
				arguments("thousands of headers", SEND + manyHeaders(1500) + "\n{\"text\":\"hi\"}\0",
						"Too many headers: a frame may have at most 64."),
				arguments("body on a command without one",
						"SUBSCRIBE\nid:0\ndestination:/topic/rooms.general\n\nbody\0",
						"Malformed STOMP frame: this command must not have a body."),
				arguments("content-type that is no media type", SEND + "content-type:nonsense\n\n{\"text\":\"hi\"}\0",
						"Malformed STOMP frame: content-type is not a valid media type."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenFrames")
	void brokenFrameAfterConnectGetsAPlainErrorAndOneLogLine(String item, String frame, String expected,
			CapturedOutput output) throws Exception {
		try (RawStompSocket socket = RawStompSocket.connectAs(this.port, "mallory")) {
			socket.send(frame);

			String message = socket.nextErrorMessage();
			assertThat(message).isEqualTo(expected);
			assertIsPlain(message);
			assertThat(socket.awaitClose()).isNotNull();
		}
		assertOneLogLineAndNoStackTrace(output);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenFrames")
	void brokenFrameAsTheFirstFrameGetsAPlainError(String item, String frame, String expected) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send(frame);

			String message = socket.nextErrorMessage();
			assertThat(message).isIn(expected, "Send CONNECT before any other frame.");
			assertIsPlain(message);
			assertThat(socket.awaitClose()).isNotNull();
		}
	}

	@Test
	void frameCompletedInTimeIsDelivered() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connectAs(this.port, "patient")) {
			socket.send(SEND + "content-length:15\n\n{\"text\":");
			socket.send("\"late\"}\0");

			assertThat(next(this.innocent.inbox()).get("text").asString()).isEqualTo("late");
		}
	}

	@Test
	void binaryWebSocketMessageIsClosedWithAReason(CapturedOutput output) throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.sendBinary("CONNECT\naccept-version:1.2\nnickname:bin\n\n\0".getBytes(StandardCharsets.UTF_8));

			CloseStatus status = socket.awaitClose();
			assertThat(status.getCode()).isEqualTo(CloseStatus.NOT_ACCEPTABLE.getCode());
			assertThat(status.getReason()).isEqualTo("Binary frames are not accepted: send STOMP as text.");
		}
		assertOneLogLineAndNoStackTrace(output);
	}

	@Test
	void textMessageThatIsNotUtf8IsClosedByTheContainer(CapturedOutput output) throws Exception {
		try (HandMadeWebSocket socket = HandMadeWebSocket.open(this.port)) {
			byte[] invalid = { 'S', 'E', 'N', 'D', '\n', '\n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0 };

			socket.sendText(invalid);

			assertThat(socket.awaitCloseCode()).isEqualTo(CloseStatus.BAD_DATA.getCode());
		}
		// the server logs once its side of the close is done, which may be after the
		// client's
		Awaitility.await()
			.atMost(StompTestClient.TIMEOUT)
			.untilAsserted(() -> assertThat(output).contains("not valid UTF-8"));
		assertOneLogLineAndNoStackTrace(output);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "nested arrays", "nested in text", "huge number", "text is a number", "text is an object" })
	void jsonThatIsNoChatMessageIsRefusedAndTheConnectionStays(String item) {
		String body = switch (item) {
			case "nested arrays" -> "[".repeat(5000) + "]".repeat(5000);
			case "nested in text" -> "{\"text\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
			case "huge number" -> "{\"text\":1" + "0".repeat(5000) + "}";
			case "text is a number" -> "{\"text\":42}";
			default -> "{\"text\":{\"a\":1}}";
		};
		try (StompTestClient mallory = StompTestClient.connect(this.port, Transport.WEBSOCKET, "mallory")) {
			mallory.send("/app/rooms.general.send", body);

			assertThat(mallory.nextError().get("code").asString()).isEqualTo("INVALID_JSON");
			mallory.say("general", "fine now");
			assertThat(next(this.innocent.inbox()).get("text").asString()).isEqualTo("fine now");
		}
	}

	private static void assertIsPlain(String message) {
		assertThat(message).doesNotContain("Exception", "org.", "java.", "\tat ", "\r", "\n");
	}

	private static void assertOneLogLineAndNoStackTrace(CapturedOutput output) {
		assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.hasSize(1);
	}

	private static String manyHeaders(int count) {
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i < count; i++) {
			headers.append('h').append(i).append(":v\n");
		}
		return headers.toString();
	}

}
