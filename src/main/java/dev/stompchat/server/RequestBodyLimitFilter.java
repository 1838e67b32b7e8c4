package dev.stompchat.server;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.stompchat.core.ChatProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body to {@link #FRAMES_PER_BODY} times
 * {@code chat.max-frame-bytes} before anything reads it: SockJS's handlers and Spring's
 * form filter read a body whole into memory. sockjs-client gathers the messages queued
 * while a send is in flight into the next send, so a body may hold a few frames; the
 * STOMP decoder still limits each.
 * <p>
 * A declared {@code Content-Length} over the bound is answered with 413 at once, without
 * reading the body. A body without one (chunked) is read here up to one byte past the
 * bound: past it, 413; within it, the rest of the chain reads what was read here.
 */
@Component
@Order(SecurityHeadersFilter.ORDER + 1)
class RequestBodyLimitFilter extends OncePerRequestFilter {

	static final int FRAMES_PER_BODY = 4;

	private final int maxBodyBytes;

	RequestBodyLimitFilter(ChatProperties properties) {
		this.maxBodyBytes = FRAMES_PER_BODY * properties.frameLimit();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBodyBytes) {
			refuse(response);
			return;
		}
		if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			byte[] body = readAtMost(request.getInputStream(), this.maxBodyBytes + 1);
			if (body.length > this.maxBodyBytes) {
				refuse(response);
				return;
			}
			chain.doFilter(new ReadBody(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Unlike {@code InputStream.readNBytes}, never asks for 0 bytes once it has enough:
	 * Tomcat's stream would wait for the next chunk even then.
	 */
	private static byte[] readAtMost(InputStream body, int limit) throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int count;
		while (read.size() < limit
				&& (count = body.read(buffer, 0, Math.min(buffer.length, limit - read.size()))) != -1) {
			read.write(buffer, 0, count);
		}
		return read.toByteArray();
	}

	private void refuse(HttpServletResponse response) throws IOException {
		PlainTextRefusal.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
				"The request body is larger than the " + this.maxBodyBytes + "-byte limit.");
	}

	/** A request whose body was read already, served from memory. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BodyStream(new ByteArrayInputStream(this.body));
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset));
		}

	}

	private static final class BodyStream extends ServletInputStream {

		private final ByteArrayInputStream body;

		BodyStream(ByteArrayInputStream body) {
			this.body = body;
		}

		@Override
		public int read() {
			return this.body.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.body.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.body.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body was read already: read it blocking");
		}

	}

}
