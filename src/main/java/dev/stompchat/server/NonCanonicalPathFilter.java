package dev.stompchat.server;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 to a request path with path parameters ({@code ;}), {@code .} or {@code ..}
 * segments, plain or encoded, or an encoded slash or backslash. Tomcat and Spring read
 * such a path differently: Tomcat drops {@code ;…} and resolves {@code ..}, Spring
 * matches the path as sent, so {@code /actuator/health/..;/env} reaches the health
 * endpoint asking for a component named {@code ..}, and it fails with 500. The
 * application makes no such paths.
 */
@Component
@Order(SecurityHeadersFilter.ORDER + 1)
class NonCanonicalPathFilter extends OncePerRequestFilter {

	private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$)");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isCanonical(request.getRequestURI())) {
			PlainTextRefusal.write(response, HttpServletResponse.SC_BAD_REQUEST,
					"The request path must not contain ';', '.' or '..' segments, or an encoded slash or backslash.");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean isCanonical(String path) {
		String lower = path.toLowerCase(Locale.ROOT);
		return !lower.contains(";") && !lower.contains("%3b") && !lower.contains("%2f") && !lower.contains("%5c")
				&& !lower.contains("\\") && !DOT_SEGMENT.matcher(lower).find();
	}

}
