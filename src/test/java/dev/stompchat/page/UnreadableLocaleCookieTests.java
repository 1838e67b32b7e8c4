package dev.stompchat.page;

import java.util.stream.Stream;

import dev.stompchat.support.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.ServerChecks.assertHealthIsUp;
import static dev.stompchat.support.ServerChecks.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A locale cookie that cannot be read, on every kind of URL: it is ignored (the language
 * comes from {@code Accept-Language}) and expired, and never turns into a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class UnreadableLocaleCookieTests {

	private static final String EXPIRED = "stomp-chat.locale=; Path=/; Max-Age=0;";

	@LocalServerPort
	int port;

	static Stream<Arguments> unreadableCookiesOnEveryKindOfUrl() {
		return Stream.of("\"><x>", "xx_YY_ZZ_#", "en/Not/A_Zone", "pt-BR/Mars/Olympus")
			.flatMap((cookie) -> Stream.of("/", "/css/chat.css", "/sockjs/info", "/actuator/health")
				.map((path) -> arguments(cookie, path)));
	}

	@AfterEach
	void noStackTraceAndHealthIsUp(CapturedOutput output) throws Exception {
		assertNoStackTrace(output);
		assertHealthIsUp(this.port);
	}

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("unreadableCookiesOnEveryKindOfUrl")
	void unreadableCookieIsIgnoredAndExpired(String cookie, String path) throws Exception {
		RawHttp.Response response = get(path, cookie, "en");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers("Set-Cookie")).singleElement()
			.satisfies((setCookie) -> assertThat(setCookie).startsWith(EXPIRED).contains("HttpOnly", "SameSite=Lax"));
	}

	@Test
	void pageWithAnUnreadableCookieIsInTheLanguageOfAcceptLanguage() throws Exception {
		RawHttp.Response response = get("/", "\"><x>", "pt-BR,pt;q=0.9");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("<html lang=\"pt-BR\"", ">Enviar mensagem<");
	}

	@Test
	void readableCookieIsKept() throws Exception {
		RawHttp.Response response = get("/", "pt-BR", "en");

		assertThat(response.body()).contains("<html lang=\"pt-BR\"");
		assertThat(response.headers("Set-Cookie")).isEmpty();
	}

	private RawHttp.Response get(String path, String cookie, String acceptLanguage) throws Exception {
		return RawHttp.exchange(this.port,
				"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nCookie: " + LocaleConfiguration.LOCALE_COOKIE + "="
						+ cookie + "\r\nAccept-Language: " + acceptLanguage + "\r\nConnection: close\r\n\r\n");
	}

}
