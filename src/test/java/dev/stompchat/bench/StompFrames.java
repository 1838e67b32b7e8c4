package dev.stompchat.bench;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Reads STOMP frames where they lie in a {@link ByteBuf}, without copying them into
 * strings: a delivery is looked at once per subscriber, so this is the client's hot path.
 */
final class StompFrames {

	static final byte[] MARKER = bytes("bench:");

	private static final byte[] CODE = bytes("\"code\":\"");

	private StompFrames() {
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static boolean startsWith(ByteBuf buffer, int from, int to, byte[] prefix) {
		if (to - from < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (buffer.getByte(from + i) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	static int indexOf(ByteBuf buffer, int from, int to, byte[] needle) {
		int last = to - needle.length;
		for (int at = from; at <= last; at++) {
			at = buffer.indexOf(at, last + 1, needle[0]);
			if (at < 0) {
				return -1;
			}
			if (startsWith(buffer, at, to, needle)) {
				return at;
			}
		}
		return -1;
	}

	/** Where the body starts: after the blank line that ends the headers, or {@code to}. */
	static int bodyStart(ByteBuf buffer, int from, int to) {
		int line = from;
		while (line < to) {
			int end = buffer.indexOf(line, to, (byte) '\n');
			if (end < 0) {
				return to;
			}
			if (end == line || (end == line + 1 && buffer.getByte(line) == '\r')) {
				return end + 1;
			}
			line = end + 1;
		}
		return to;
	}

	/** Whether one of the header lines between {@code from} and {@code to} is {@code headerLine}. */
	static boolean hasHeaderLine(ByteBuf buffer, int from, int to, byte[] headerLine) {
		int line = from;
		while (line < to) {
			int end = buffer.indexOf(line, to, (byte) '\n');
			if (end < 0) {
				end = to;
			}
			int contentEnd = (end > line && buffer.getByte(end - 1) == '\r') ? end - 1 : end;
			if (contentEnd - line == headerLine.length && startsWith(buffer, line, contentEnd, headerLine)) {
				return true;
			}
			line = end + 1;
		}
		return false;
	}

	/**
	 * Reads the marker {@code bench:<step>:<sequence>:<nanos>} in the body and tells the
	 * listener; a body without a marker (a presence message, say) is not a delivery.
	 */
	static boolean readMarker(ByteBuf buffer, int from, int to, long receivedNanos, DeliveryListener listener) {
		int at = indexOf(buffer, from, to, MARKER);
		if (at < 0) {
			return false;
		}
		int stepStart = at + MARKER.length;
		int stepEnd = buffer.indexOf(stepStart, to, (byte) ':');
		int sequenceEnd = (stepEnd < 0) ? -1 : buffer.indexOf(stepEnd + 1, to, (byte) ':');
		if (sequenceEnd < 0) {
			return false;
		}
		listener.delivered((int) number(buffer, stepStart, stepEnd), number(buffer, sequenceEnd + 1, to),
				receivedNanos);
		return true;
	}

	/** The {@code code} of a JSON error body, or {@code null}. */
	static String errorCode(ByteBuf buffer, int from, int to) {
		int at = indexOf(buffer, from, to, CODE);
		if (at < 0) {
			return null;
		}
		int start = at + CODE.length;
		int end = buffer.indexOf(start, to, (byte) '"');
		return (end < 0) ? null : buffer.toString(start, end - start, StandardCharsets.UTF_8);
	}

	/** The digits from {@code from}, with an optional sign, up to the first other byte. */
	static long number(ByteBuf buffer, int from, int to) {
		boolean negative = from < to && buffer.getByte(from) == '-';
		long value = 0;
		for (int i = negative ? from + 1 : from; i < to; i++) {
			byte digit = buffer.getByte(i);
			if (digit < '0' || digit > '9') {
				break;
			}
			value = value * 10 + (digit - '0');
		}
		return negative ? -value : value;
	}

}
