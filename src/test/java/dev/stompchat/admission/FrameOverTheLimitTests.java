package dev.stompchat.admission;

import dev.stompchat.support.Bystander;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame that can never fit the frame limit is refused as soon as the server knows it,
 * not once the rest of it has failed to arrive. The incomplete-frame timeout is set far
 * beyond the clients' wait ({@link StompTestClient#TIMEOUT}), so an answer that waited
 * for it would come too late.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.incomplete-frame-timeout=60s")
@ExtendWith(OutputCaptureExtension.class)
class FrameOverTheLimitTests {

	private static final String TOO_LARGE = "The frame is larger than the 16384-byte limit.";

	private static final String SEND_HEADERS = "SEND\ndestination:/app/rooms.general.send\n"
			+ "content-type:application/json\n";

	@LocalServerPort
	int port;

	@RegisterExtension
	final Bystander innocent = Bystander.inRoom("general");

	@Test
	void contentLengthOverTheLimitIsRefusedAtOnce(CapturedOutput output) throws Exception {
		try (RawStompSocket mallory = RawStompSocket.connectAs(this.port, "mallory")) {
			mallory.send(SEND_HEADERS + "content-length:100000\n\n{\"text\":\"hi");

			assertThat(mallory.nextErrorMessage()).isEqualTo(TOO_LARGE);
			assertThat(mallory.awaitClose()).isNotNull();
		}
		assertOneLogLineAndNoStackTrace(output);
	}

	@Test
	void contentLengthOverTheLimitAsTheFirstFrameIsRefusedAtOnce(CapturedOutput output) throws Exception {
		try (RawStompSocket mallory = RawStompSocket.open(this.port)) {
			mallory.send(SEND_HEADERS + "content-length:100000\n\n{\"text\":\"hi");

			assertThat(mallory.nextErrorMessage()).isEqualTo(TOO_LARGE);
			assertThat(mallory.awaitClose()).isNotNull();
		}
		assertOneLogLineAndNoStackTrace(output);
	}

	@Test
	void contentLengthOverTheLimitOverSockJsIsRefusedAtOnce(CapturedOutput output) throws Exception {
		try (RawStompSocket mallory = RawStompSocket.connectAsOverSockJs(this.port, "mallory")) {
			mallory.send(SEND_HEADERS + "content-length:100000\n\n{\"text\":\"hi");

			assertThat(mallory.nextErrorMessage()).isEqualTo(TOO_LARGE);
			assertThat(mallory.awaitClose()).isNotNull();
		}
		assertOneLogLineAndNoStackTrace(output);
	}

	@Test
	void partOfAFrameAlreadyOverTheLimitIsRefusedAtOnce(CapturedOutput output) throws Exception {
		try (RawStompSocket mallory = RawStompSocket.connectAs(this.port, "mallory")) {
			// no content-length and no NUL: only its size shows that it cannot fit
			mallory.send(SEND_HEADERS + "\n{\"text\":\"" + "x".repeat(20 * 1024));

			assertThat(mallory.nextErrorMessage()).isEqualTo(TOO_LARGE);
			assertThat(mallory.awaitClose()).isNotNull();
		}
		assertOneLogLineAndNoStackTrace(output);
	}

	@Test
	void frameJustUnderTheLimitStillWaitsForItsRest() throws Exception {
		try (RawStompSocket patient = RawStompSocket.connectAs(this.port, "patient")) {
			patient.send("SUBSCRIBE\nid:0\ndestination:/user/queue/errors\n\n\0");
			String body = "{\"text\":\"" + "x".repeat(15000) + "\"}";
			String headers = SEND_HEADERS + "content-length:" + body.length() + "\n\n";

			patient.send(headers + body.substring(0, 10));
			patient.send(body.substring(10) + "\0");

			assertThat(patient.nextFrame()).startsWith("MESSAGE\n").contains("TEXT_TOO_LONG");
		}
	}

	private static void assertOneLogLineAndNoStackTrace(CapturedOutput output) {
		assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.hasSize(1);
	}

}
