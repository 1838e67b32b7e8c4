package dev.stompchat.page;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * A locale cookie that cannot be read is ignored and expired. Spring's
 * {@code CookieLocaleResolver} answers every request that carries one, pages, static
 * files, SockJS and Actuator alike, with 500 and a stack trace. Here the request goes on
 * without it, so the language falls back to {@code Accept-Language}, and the response
 * tells the browser to drop it.
 */
class UnreadableLocaleCookieFilter extends OncePerRequestFilter {

	private static final String EXPIRED_COOKIE = ResponseCookie.from(LocaleConfiguration.LOCALE_COOKIE, "")
		.path(LocaleConfiguration.COOKIE_PATH)
		.maxAge(0)
		.sameSite(LocaleConfiguration.COOKIE_SAME_SITE)
		.httpOnly(true)
		.build()
		.toString();

	private final SupportedLocaleResolver localeResolver;

	UnreadableLocaleCookieFilter(SupportedLocaleResolver localeResolver) {
		this.localeResolver = localeResolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Cookie cookie = WebUtils.getCookie(request, LocaleConfiguration.LOCALE_COOKIE);
		if (cookie == null || this.localeResolver.isReadable(cookie.getValue())) {
			chain.doFilter(request, response);
			return;
		}
		response.addHeader(HttpHeaders.SET_COOKIE, EXPIRED_COOKIE);
		chain.doFilter(new WithoutLocaleCookie(request), response);
	}

	private static final class WithoutLocaleCookie extends HttpServletRequestWrapper {

		WithoutLocaleCookie(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Cookie[] getCookies() {
			Cookie[] cookies = super.getCookies();
			return (cookies != null) ? Arrays.stream(cookies)
				.filter((cookie) -> !LocaleConfiguration.LOCALE_COOKIE.equals(cookie.getName()))
				.toArray(Cookie[]::new) : null;
		}

	}

}
