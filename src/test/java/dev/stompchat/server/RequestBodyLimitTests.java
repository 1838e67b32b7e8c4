package dev.stompchat.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import dev.stompchat.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.ServerChecks.assertHealthIsUp;
import static dev.stompchat.support.ServerChecks.assertNoStackTrace;
import static dev.stompchat.support.ServerChecks.assertSecurityHeaders;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are bounded to 4 × {@code chat.max-frame-bytes} (16 KiB here, so 64 KiB)
 * before anything reads them: a SockJS send that declares more is refused at once, a
 * chunked one once it passes the bound, and sends within it reach STOMP as before.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RequestBodyLimitTests {

	private static final int BOUND = 4 * 16 * 1024;

	private static final String REFUSAL = "The request body is larger than the 65536-byte limit.";

	@LocalServerPort
	int port;

	private final String session = "/sockjs/000/" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void noStackTraceAndHealthIsUp(CapturedOutput output) throws Exception {
		assertNoStackTrace(output);
		assertHealthIsUp(this.port);
	}

	@Test
	void sockJsSendDeclaringAHugeBodyIsRefusedWith413BeforeItsBodyIsSent() throws Exception {
		openXhrSession();

		try (RawHttp http = RawHttp.connect(this.port)) {
			// the 283 MB JSON array of the report; nothing of it but its first byte is
			// sent
			http.write("POST " + this.session + "/xhr_send HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 283000000\r\n\r\n[");
			RawHttp.Response response = http.readResponse();

			assertRefused(response);
		}
	}

	@Test
	void sockJsSendDeclaringFiveMegabytesIsRefusedWith413() throws Exception {
		openXhrSession();

		try (RawHttp http = RawHttp.connect(this.port)) {
			http.write("POST " + this.session + "/xhr_send HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + (5 * 1024 * 1024) + "\r\n\r\n");
			RawHttp.Response response = http.readResponse();

			assertRefused(response);
		}
	}

	@Test
	void chunkedSockJsSendIsReadOnlyUpToTheBoundPlusOneByteAndRefusedWith413() throws Exception {
		openXhrSession();

		try (RawHttp http = RawHttp.connect(this.port)) {
			http.write("POST " + this.session + "/xhr_send HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n");
			// one byte past the bound, and the body never ends: only a server that stops
			// reading at the bound can answer
			http.writeChunk(jsonArrayOfBytes(BOUND + 1));
			RawHttp.Response response = http.readResponse();

			assertRefused(response);
		}
	}

	@Test
	void endlessChunkedSockJsSendIsRefusedWith413() throws Exception {
		openXhrSession();

		try (RawHttp http = RawHttp.connect(this.port)) {
			http.write("POST " + this.session + "/xhr_send HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n");
			http.writeChunksInBackground(new byte[16 * 1024], 5L * 1024 * 1024);
			RawHttp.Response response = http.readResponse();

			assertRefused(response);
		}
	}

	@Test
	void formBodyLargerThanTheBoundIsRefusedWith413BeforeSpringParsesIt() throws Exception {
		try (RawHttp http = RawHttp.connect(this.port)) {
			http.write("PUT / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n");
			http.writeChunk(("a=" + "b".repeat(BOUND)).getBytes(StandardCharsets.US_ASCII));
			RawHttp.Response response = http.readResponse();

			assertRefused(response);
		}
	}

	@Test
	void chunkedSockJsSendOfExactlyTheBoundReachesStomp() throws Exception {
		openXhrSession();
		String connect = "[\"CONNECT\\naccept-version:1.2\\nhost:localhost\\nnickname:bounded\\n\\n\\u0000\"]";
		byte[] body = Arrays.copyOf(connect.getBytes(StandardCharsets.US_ASCII), BOUND);
		Arrays.fill(body, connect.length(), BOUND, (byte) ' ');

		try (RawHttp http = RawHttp.connect(this.port)) {
			http.write("POST " + this.session + "/xhr_send HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
			http.writeChunk(body).write("0\r\n\r\n");

			assertThat(http.readResponse().status()).isEqualTo(204);
		}
		assertThat(poll().body()).startsWith("a[\"CONNECTED\\n").contains("user-name:bounded");
	}

	@Test
	void sockJsSendWithAContentLengthOfExactlyTheBoundReachesStomp() throws Exception {
		openXhrSession();
		String connect = "[\"CONNECT\\naccept-version:1.2\\nhost:localhost\\nnickname:declared\\n\\n\\u0000\"]";
		String body = connect + " ".repeat(BOUND - connect.length());

		RawHttp.Response response = RawHttp.exchange(this.port,
				"POST " + this.session + "/xhr_send HTTP/1.1\r\n"
						+ "Host: localhost\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + BOUND
						+ "\r\nConnection: close\r\n\r\n" + body);

		assertThat(response.status()).isEqualTo(204);
		assertThat(poll().body()).startsWith("a[\"CONNECTED\\n").contains("user-name:declared");
	}

	private static void assertRefused(RawHttp.Response response) {
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith("text/plain");
		assertThat(response.body()).isEqualTo(REFUSAL);
		assertSecurityHeaders(response);
	}

	private void openXhrSession() throws Exception {
		assertThat(poll().body()).isEqualTo("o\n");
	}

	private RawHttp.Response poll() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.port, "POST " + this.session
				+ "/xhr HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isEqualTo(200);
		return response;
	}

	/** A JSON array of one string, {@code length} bytes in all. */
	private static byte[] jsonArrayOfBytes(int length) {
		return ("[\"" + "a".repeat(length - 4) + "\"]").getBytes(StandardCharsets.US_ASCII);
	}

}
