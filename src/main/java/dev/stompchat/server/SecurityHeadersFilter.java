package dev.stompchat.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Security headers on every response: {@code X-Content-Type-Options: nosniff}, a
 * {@code Referrer-Policy}, {@code X-Frame-Options: SAMEORIGIN} and a
 * {@code Content-Security-Policy} that lets the page run scripts and styles only from the
 * application itself, connect only to it (WebSocket included) and frame only itself.
 * <p>
 * SockJS's iframe transports load two HTML documents of Spring's own that the page policy
 * would break: {@code /sockjs/iframe.html} carries one inline script, allowed by its
 * hash, and the {@code htmlfile} transport streams inline scripts that differ on every
 * response, which no hash can name.
 * <p>
 * It runs before the filters that refuse bad requests, so that their answers carry the
 * headers too; Tomcat's own error reports get them from
 * {@link SecurityHeadersErrorReportValve}.
 */
@Component
@Order(SecurityHeadersFilter.ORDER)
class SecurityHeadersFilter extends OncePerRequestFilter {

	/** Right after Spring's character encoding and observation filters. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
			+ "base-uri 'none'; form-action 'self'; object-src 'none'";

	// the {hashes} of its inline script; it loads the SockJS client from the application
	private static final String IFRAME_POLICY = "default-src 'none'; script-src 'self' {hashes}; "
			+ "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

	// Spring's htmlfile transport writes each message as a <script> that calls its
	// parent: nothing but those inline scripts may run, and it may load and reach
	// nothing.
	static final String HTMLFILE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
			+ "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

	// the paths Spring's SockJS service answers with its iframe page and the htmlfile
	// transport
	private static final Pattern SOCKJS_IFRAME = Pattern.compile("/sockjs/iframe[0-9-.a-z_]*\\.html");

	private static final Pattern SOCKJS_HTMLFILE = Pattern.compile("/sockjs/[^/]+/[^/]+/htmlfile");

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

	// Spring's iframe page is a constant; a 304 answer to a revalidation has no body to
	// hash, so the policy of the last page served is kept for it.
	private volatile @Nullable String iframePolicy;

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		setCommonHeaders(response);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (SOCKJS_IFRAME.matcher(path).matches()) {
			serveIframePage(request, response, chain);
			return;
		}
		response.setHeader("Content-Security-Policy",
				SOCKJS_HTMLFILE.matcher(path).matches() ? HTMLFILE_POLICY : PAGE_POLICY);
		chain.doFilter(request, response);
	}

	/** The headers every response carries, whatever its policy. */
	static void setCommonHeaders(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("X-Frame-Options", "SAMEORIGIN");
	}

	private void serveIframePage(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, page);
		byte[] body = page.getContentAsByteArray();
		if (body.length > 0) {
			this.iframePolicy = IFRAME_POLICY.replace("{hashes}",
					String.join(" ", inlineScriptHashes(new String(body, StandardCharsets.UTF_8))));
		}
		// Spring adds an X-Frame-Options of its own to this page: one header, not two
		page.setHeader("X-Frame-Options", "SAMEORIGIN");
		String policy = this.iframePolicy;
		if (policy != null) {
			page.setHeader("Content-Security-Policy", policy);
		}
		page.copyBodyToResponse();
	}

	/** CSP hash sources of the inline scripts of an HTML page. */
	static List<String> inlineScriptHashes(String html) {
		Matcher scripts = INLINE_SCRIPT.matcher(html);
		return scripts.results().map((script) -> "'sha256-" + sha256(script.group(1)) + "'").toList();
	}

	private static String sha256(String script) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform supports SHA-256", ex);
		}
	}

}
