package dev.stompchat.server;

import dev.stompchat.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * Requests a probe sends on purpose, written by hand on a socket: each gets a 4xx with
 * the security headers, whether Tomcat or the application answers it, and leaves no stack
 * trace in the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BadRequestTests {

	@LocalServerPort
	int port;

	@AfterEach
	void noStackTraceAndHealthIsUp(CapturedOutput output) throws Exception {
		assertNoStackTrace(output);
		assertHealthIsUp(this.port);
	}

	@Test
	void encodedSlashIsAnsweredByTomcatWith400AndTheSecurityHeaders() throws Exception {
		RawHttp.Response response = get("/rooms/a%2Fb");

		assertThat(response.status()).isEqualTo(400);
		assertSecurityHeaders(response);
		assertThat(response.body()).doesNotContain("Tomcat", "Exception");
	}

	@Test
	void oversizedHeaderIsAnsweredByTomcatWith400AndTheSecurityHeaders() throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.port, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
				+ "a".repeat(10 * 1024) + "\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertSecurityHeaders(response);
		assertThat(response.body()).doesNotContain("Tomcat", "Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad(", "", "a%3Cscript%3E", "x%20y" })
	void htmlFileCallbackThatSpringWouldRefuseIsAnswered400WithASentence(String callback) throws Exception {
		RawHttp.Response response = get("/sockjs/000/abcd1234/htmlfile?c=" + callback);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("The htmlfile transport needs a callback parameter c of letters, digits, '_' and '.' only.");
		assertSecurityHeaders(response);
	}

	@Test
	void htmlFileWithoutCallbackIsAnswered400() throws Exception {
		RawHttp.Response response = get("/sockjs/000/abcd1234/htmlfile");

		assertThat(response.status()).isEqualTo(400);
		assertSecurityHeaders(response);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health/..;/env", "/actuator/health/..%3B/env", "/actuator/health/%2e%2e/env",
			"/actuator/health/.;/x", "/actuator/health/a;b/broker", "/rooms/..;/x", "/sockjs/..;/info",
			"/css/./chat.css", "/css/..%5cchat.css" })
	void pathThatTomcatAndSpringWouldReadDifferentlyIsAnswered400(String path) throws Exception {
		RawHttp.Response response = get(path);

		assertThat(response.status()).isEqualTo(400);
		assertSecurityHeaders(response);
		assertThat(response.body()).doesNotContain("Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health/nope/more", "/actuator/health/a/b/c",
			"/actuator/health/readiness/nope/more" })
	void healthPathBelowAComponentThatDoesNotExistIsAnswered404(String path) throws Exception {
		RawHttp.Response response = get(path);

		assertThat(response.status()).isEqualTo(404);
		assertSecurityHeaders(response);
		assertThat(response.body()).doesNotContain("Exception", "contributor");
	}

	private RawHttp.Response get(String path) throws Exception {
		return RawHttp.exchange(this.port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
	}

}
