package dev.stompchat.server;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 to a SockJS {@code htmlfile} request whose callback ({@code c}) is missing
 * or not one Spring accepts ({@code [0-9A-Za-z_.]+}): Spring's transport answers it with
 * 500, and only after it has opened a session for it.
 */
@Component
@Order(SecurityHeadersFilter.ORDER + 1)
class HtmlFileCallbackFilter extends OncePerRequestFilter {

	private static final Pattern HTMLFILE = Pattern.compile("/sockjs/[^/]+/[^/]+/htmlfile");

	private static final Pattern CALLBACK = Pattern.compile("[0-9A-Za-z_.]+");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !HTMLFILE.matcher(path).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String callback = request.getParameter("c");
		if (callback == null || !CALLBACK.matcher(callback).matches()) {
			// a refusal, not the htmlfile document: it runs no script
			response.setHeader("Content-Security-Policy", SecurityHeadersFilter.PAGE_POLICY);
			PlainTextRefusal.write(response, HttpServletResponse.SC_BAD_REQUEST,
					"The htmlfile transport needs a callback parameter c of letters, digits, '_' and '.' only.");
			return;
		}
		chain.doFilter(request, response);
	}

}
