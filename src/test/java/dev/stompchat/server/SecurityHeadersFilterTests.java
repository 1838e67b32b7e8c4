package dev.stompchat.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers, set on mock requests without a server: the page's policy, the
 * SockJS iframe page's policy with the hash of its inline script, and the htmlfile
 * transport's.
 */
class SecurityHeadersFilterTests {

	private static final String IFRAME_SCRIPT = "\n\t\tdocument.domain = document.domain;\n"
			+ "\t\t_sockjs_onload = function(){SockJS.bootstrap_iframe();};\n\t";

	private static final String IFRAME_PAGE = "<!DOCTYPE html>\n<html>\n<head>\n\t<title>SockJS iframe</title>\n"
			+ "\t<script>" + IFRAME_SCRIPT + "</script>\n\t<script src=\"/webjars/sockjs.min.js\"></script>\n"
			+ "</head>\n<body><h2>Don't panic!</h2></body>\n</html>\n";

	private final SecurityHeadersFilter filter = new SecurityHeadersFilter();

	@Test
	void inlineScriptHashesAreTheBase64Sha256OfEachInlineScript() throws Exception {
		String html = "<html><head><script>var a = 1;</script><script src=\"/js/chat.js\"></script></head>"
				+ "<body><script>\nsay('h\u00e9llo');\n</script></body></html>";

		assertThat(SecurityHeadersFilter.inlineScriptHashes(html)).containsExactly(
				"'sha256-" + sha256("var a = 1;") + "'", "'sha256-" + sha256("\nsay('h\u00e9llo');\n") + "'");
	}

	@Test
	void aPageWithoutInlineScriptsHasNoHashes() {
		assertThat(SecurityHeadersFilter.inlineScriptHashes("<html><script src=\"/x.js\"></script></html>")).isEmpty();
	}

	@Test
	void everyResponseGetsTheCommonHeadersAndThePagesPolicy() throws Exception {
		MockHttpServletResponse response = filter(new MockHttpServletRequest("GET", "/rooms/general"), "page");

		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
		assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.PAGE_POLICY)
			.isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
					+ "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
					+ "form-action 'self'; object-src 'none'");
		assertThat(response.getContentAsString()).isEqualTo("page");
	}

	@Test
	void theHtmlfileTransportGetsItsOwnPolicy() throws Exception {
		MockHttpServletResponse response = filter(new MockHttpServletRequest("GET", "/sockjs/123/abcdefgh/htmlfile"),
				"<script>p('a');</script>");

		assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.HTMLFILE_POLICY)
			.contains("script-src 'unsafe-inline'")
			.doesNotContain("'self'; script");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void theHtmlfilePathIsMatchedBelowTheContextPath() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/chat/sockjs/123/abcdefgh/htmlfile");
		request.setContextPath("/chat");

		assertThat(filter(request, "").getHeader("Content-Security-Policy"))
			.isEqualTo(SecurityHeadersFilter.HTMLFILE_POLICY);
	}

	@Test
	void pathsThatOnlyLookLikeTheHtmlfileTransportGetThePagesPolicy() throws Exception {
		for (String path : new String[] { "/sockjs/123/htmlfile", "/sockjs/1/2/htmlfile/x", "/other/1/2/htmlfile",
				"/sockjs/1/2/xhr" }) {
			assertThat(filter(new MockHttpServletRequest("GET", path), "").getHeader("Content-Security-Policy"))
				.as(path)
				.isEqualTo(SecurityHeadersFilter.PAGE_POLICY);
		}
	}

	@Test
	void theSockJsIframePageIsAllowedItsInlineScriptByItsHash() throws Exception {
		MockHttpServletResponse response = filter(new MockHttpServletRequest("GET", "/sockjs/iframe.html"),
				IFRAME_PAGE);

		assertThat(response.getHeader("Content-Security-Policy"))
			.startsWith("default-src 'none'; script-src 'self' 'sha256-" + sha256(IFRAME_SCRIPT) + "'; ")
			.doesNotContain("unsafe-inline");
		assertThat(response.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");
		assertThat(response.getContentAsString()).isEqualTo(IFRAME_PAGE);
	}

	@Test
	void aRevalidatedIframePageWithoutBodyKeepsThePolicyOfTheLastOneServed() throws Exception {
		String first = filter(new MockHttpServletRequest("GET", "/sockjs/iframe.html"), IFRAME_PAGE)
			.getHeader("Content-Security-Policy");

		MockHttpServletResponse notModified = filter(new MockHttpServletRequest("GET", "/sockjs/iframe.html"), "");

		assertThat(notModified.getHeader("Content-Security-Policy")).isEqualTo(first);
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request, String body) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		HttpServlet servlet = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
				res.setContentType("text/html;charset=UTF-8");
				res.getWriter().write(body);
			}

		};
		this.filter.doFilter(request, response, new MockFilterChain(servlet));
		return response;
	}

	private static String sha256(String script) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
		return Base64.getEncoder().encodeToString(digest);
	}

}
