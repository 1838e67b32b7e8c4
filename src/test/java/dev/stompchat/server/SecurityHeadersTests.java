package dev.stompchat.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers over real HTTP: the page's policy on pages, error pages and static
 * files, and SockJS's own documents with a policy that lets exactly their scripts run.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityHeadersTests {

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@ParameterizedTest
	@CsvSource({ "/, 200", "/rooms/dev-talk, 200", "/rooms/No_Such_Room, 404", "/js/chat.js, 200", "/css/chat.css, 200",
			"/webjars/sockjs-client/dist/sockjs.min.js, 200", "/no/such/page, 404", "/sockjs/info, 200" })
	void everyResponseHasThePagePolicyAndTheOtherHeaders(String path, int status) throws Exception {
		HttpResponse<String> response = get(path);

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().allValues("Content-Security-Policy"))
			.containsExactly("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
					+ "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
					+ "form-action 'self'; object-src 'none'");
		assertCommonHeaders(response);
	}

	@Test
	void sockJsIframePageMayRunItsOwnInlineScriptAndNoOther() throws Exception {
		HttpResponse<String> response = get("/sockjs/iframe.html");

		assertThat(response.statusCode()).isEqualTo(200);
		Matcher inline = INLINE_SCRIPT.matcher(response.body());
		assertThat(inline.find()).as("iframe.html has an inline script").isTrue();
		String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy)
			.contains("script-src 'self' 'sha256-" + sha256(inline.group(1)) + "';", "frame-ancestors 'self'",
					"default-src 'none'", "connect-src 'self'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(response.body()).contains("<script src=\"/webjars/sockjs-client/dist/sockjs.min.js\"></script>");
		assertCommonHeaders(response);
	}

	@Test
	void sockJsIframePageKeepsItsPolicyWhenTheBrowserRevalidatesIt() throws Exception {
		HttpResponse<String> first = get("/sockjs/iframe.html");
		String etag = first.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> revalidated = this.http
			.send(request("/sockjs/iframe.html").header("If-None-Match", etag).build(), BodyHandlers.ofString());

		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.headers().firstValue("Content-Security-Policy"))
			.isEqualTo(first.headers().firstValue("Content-Security-Policy"));
	}

	private static void assertCommonHeaders(HttpResponse<String> response) {
		assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
		assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("same-origin");
		assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private static String sha256(String script) throws Exception {
		return Base64.getEncoder()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
	}

}
