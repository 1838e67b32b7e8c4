package dev.stompchat.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/**
 * How the filters that refuse a request before Spring reads it answer: a status and one
 * plain sentence that says why. The security headers are set already, by
 * {@link SecurityHeadersFilter}, which runs first.
 */
final class PlainTextRefusal {

	private static final String PLAIN_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8).toString();

	private PlainTextRefusal() {
	}

	static void write(HttpServletResponse response, int status, String sentence) throws IOException {
		response.setStatus(status);
		response.setContentType(PLAIN_TEXT);
		response.getWriter().write(sentence);
	}

}
