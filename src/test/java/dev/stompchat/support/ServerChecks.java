package dev.stompchat.support;

import java.io.IOException;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/** What every refused or tolerated bad request must leave as it was. */
public final class ServerChecks {

	public static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
			+ "base-uri 'none'; form-action 'self'; object-src 'none'";

	private ServerChecks() {
	}

	/** The headers of {@code SecurityHeadersFilter}, with the page's policy. */
	public static void assertSecurityHeaders(RawHttp.Response response) {
		assertThat(response.headers("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers("Referrer-Policy")).containsExactly("same-origin");
		assertThat(response.headers("X-Frame-Options")).containsExactly("SAMEORIGIN");
		assertThat(response.headers("Content-Security-Policy")).containsExactly(PAGE_POLICY);
	}

	public static void assertNoStackTrace(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Exception");
	}

	public static void assertHealthIsUp(int port) throws IOException {
		RawHttp.Response health = RawHttp.exchange(port,
				"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

}
