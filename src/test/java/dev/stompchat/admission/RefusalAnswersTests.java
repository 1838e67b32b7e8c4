package dev.stompchat.admission;

import java.util.List;

import dev.stompchat.support.Bystander;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refused or unusual frame is answered with: never more than a short, sanitised
 * excerpt of the client's input, one log line, and a RECEIPT wherever STOMP promises one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RefusalAnswersTests {

	private static final String HUGE = "x".repeat(6000) + "\u001b[31m" + "y".repeat(6000);

	@LocalServerPort
	int port;

	@RegisterExtension
	final Bystander innocent = Bystander.inRoom("answers");

	@Test
	void errorFrameForAHugeDestinationEchoesOnlyAShortPrintableExcerpt(CapturedOutput output) throws Exception {
		try (RawStompSocket mallory = RawStompSocket.connectAs(this.port, "mallory")) {
			mallory.send("SUBSCRIBE\nid:0\ndestination:/topic/" + HUGE + "\n\n\0");

			String error = mallory.nextFrame();
			assertThat(error).startsWith("ERROR\n").hasSizeLessThan(512).doesNotContain("\u001b").contains("xxx…");
			assertThat(mallory.awaitClose()).isNotNull();
		}
		assertOneWarningWithoutStackTrace(output, "Subscribing to '/topic/xxx");
	}

	@Test
	void errorForAHugeApplicationDestinationEchoesOnlyAShortPrintableExcerpt() {
		try (StompTestClient mallory = StompTestClient.connect(this.port, Transport.WEBSOCKET, "mallory")) {
			mallory.send("/app/" + HUGE, "{}");

			JsonNode error = mallory.nextError();
			assertThat(error.get("code").asString()).isEqualTo("UNKNOWN_DESTINATION");
			assertThat(error.toString()).hasSizeLessThan(512).doesNotContain("\u001b").doesNotContain("\\u001b");
			assertThat(error.get("destination").asString()).startsWith("/app/xxx").endsWith("…");
		}
	}

	@Test
	void forbiddenDestinationIsLoggedOnce(CapturedOutput output) throws Exception {
		try (RawStompSocket mallory = RawStompSocket.connectAs(this.port, "mallory")) {
			mallory.send("SEND\ndestination:/topic/rooms.answers\n\n{\"text\":\"forged\"}\0");

			assertThat(mallory.nextErrorMessage()).startsWith("Sending to '/topic/rooms.answers' is not allowed");
			assertThat(mallory.awaitClose()).isNotNull();
		}
		assertOneWarningWithoutStackTrace(output, "Sending to '/topic/rooms.answers' is not allowed");
	}

	@Test
	void refusedNicknameIsLoggedOnce(CapturedOutput output) throws Exception {
		try (RawStompSocket mallory = RawStompSocket.open(this.port)) {
			mallory.send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:innocent\n\n\0");

			assertThat(mallory.nextErrorMessage()).isEqualTo("Nickname 'innocent' is taken: choose another one.");
			assertThat(mallory.awaitClose()).isNotNull();
		}
		assertOneWarningWithoutStackTrace(output, "Nickname 'innocent' is taken");
	}

	@Test
	void sendThatClimbsOutOfTheApplicationPrefixIsRefused() throws Exception {
		try (RawStompSocket mallory = RawStompSocket.connectAs(this.port, "mallory")) {
			mallory.send("SEND\ndestination:/app/../topic/rooms.answers\nreceipt:r-1\n\n{\"text\":\"sneaky\"}\0");

			assertThat(mallory.nextErrorMessage())
				.startsWith("Sending to '/app/../topic/rooms.answers' is not allowed");
			assertThat(mallory.awaitClose()).isNotNull();
		}
	}

	@Test
	void subscribeAndUnsubscribeWithAReceiptAreReceipted() throws Exception {
		try (RawStompSocket alice = RawStompSocket.connectAs(this.port, "alice")) {
			alice.send("SUBSCRIBE\nid:7\ndestination:/topic/rooms.answers\nreceipt:sub-7\n\n\0");
			// the receipt and the subscription's own JOIN leave by different queues:
			// either may come first
			List<String> answers = List.of(alice.nextFrame(), alice.nextFrame());
			alice.send("UNSUBSCRIBE\nid:7\nreceipt:unsub-7\n\n\0");

			assertThat(answers).anySatisfy((frame) -> assertThat(frame).startsWith("RECEIPT\nreceipt-id:sub-7\n"))
				.anySatisfy((frame) -> assertThat(frame).startsWith("MESSAGE\n").contains("\"type\":\"JOIN\""));
			assertThat(alice.nextFrame()).startsWith("RECEIPT\nreceipt-id:unsub-7\n");
		}
	}

	@Test
	void subscribeToAnApplicationDestinationWithAReceiptIsReceiptedBesideItsAnswer() throws Exception {
		try (RawStompSocket alice = RawStompSocket.connectAs(this.port, "alice")) {
			alice.send("SUBSCRIBE\nid:1\ndestination:/app/rooms.answers.members\nreceipt:members\n\n\0");

			assertThat(List.of(alice.nextFrame(), alice.nextFrame()))
				.anySatisfy((frame) -> assertThat(frame).startsWith("RECEIPT\nreceipt-id:members\n"))
				.anySatisfy((frame) -> assertThat(frame).startsWith("MESSAGE\n").contains("\"members\""));
		}
	}

	private static void assertOneWarningWithoutStackTrace(CapturedOutput output, String sentence) {
		assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.singleElement()
			.asString()
			.contains("Refused a frame of session", sentence);
	}

}
