package dev.stompchat.bench;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Reads STOMP frames where they lie in a {@link ByteBuf}, without copying them into
 * strings: a delivery is looked at once per subscriber, so this is the client's hot path.
 * Besides the marker of a delivery, it reads the step a RECEIPT or a refusal answers from
 * the receipt id the SEND carried.
 */
final class StompFrames {

	static final byte[] MARKER = bytes("bench:");

	/**
	 * What reading a receipt id gives when it names no step: one this client did not
	 * make.
	 */
	static final int NO_STEP = Integer.MIN_VALUE;

	private static final byte[] CODE = bytes("\"code\":\"");

	private static final byte[] RECEIPT_ID = bytes("\nreceipt-id:");

	private static final byte[] RECEIPT_FIELD = bytes("\"receipt\":\"");

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

	/**
	 * Where the body starts: after the blank line that ends the headers, or {@code to}.
	 */
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

	/**
	 * Whether one of the header lines between {@code from} and {@code to} is
	 * {@code headerLine}.
	 */
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

	/**
	 * The receipt id of a message: {@code r<step>.<sequence>}, such as {@code r-3.17} for
	 * the 17th message of step 3's warm-up. A dot, not a colon, because STOMP escapes a
	 * colon in the {@code receipt-id} header it sends back.
	 */
	static String receiptId(int step, long sequence) {
		return "r" + step + "." + sequence;
	}

	/**
	 * The step in the {@code receipt-id} header of a RECEIPT or ERROR frame, or
	 * {@link #NO_STEP}.
	 */
	static int receiptStep(ByteBuf buffer, int from, int to) {
		int headersEnd = bodyStart(buffer, from, to);
		int at = indexOf(buffer, from, headersEnd, RECEIPT_ID);
		return (at < 0) ? NO_STEP : stepOfReceiptId(buffer, at + RECEIPT_ID.length, headersEnd);
	}

	/**
	 * The step in the {@code receipt} field of a JSON error body, such as
	 * {@code {"code":"OVERLOADED",…,"receipt":"r2.17"}}, or {@link #NO_STEP}.
	 */
	static int errorStep(ByteBuf buffer, int from, int to) {
		int at = indexOf(buffer, from, to, RECEIPT_FIELD);
		return (at < 0) ? NO_STEP : stepOfReceiptId(buffer, at + RECEIPT_FIELD.length, to);
	}

	/**
	 * The step of a receipt id made by {@link #receiptId(int, long)} at {@code from}, or
	 * {@link #NO_STEP}.
	 */
	private static int stepOfReceiptId(ByteBuf buffer, int from, int to) {
		if (from >= to || buffer.getByte(from) != 'r') {
			return NO_STEP;
		}
		int stepStart = from + 1;
		int digits = (stepStart < to && buffer.getByte(stepStart) == '-') ? stepStart + 1 : stepStart;
		int stepEnd = digits;
		while (stepEnd < to && buffer.getByte(stepEnd) >= '0' && buffer.getByte(stepEnd) <= '9') {
			stepEnd++;
		}
		if (stepEnd == digits || stepEnd - digits > 9 || stepEnd >= to || buffer.getByte(stepEnd) != '.') {
			return NO_STEP;
		}
		return (int) number(buffer, stepStart, stepEnd);
	}

	/**
	 * The digits from {@code from}, with an optional sign, up to the first other byte.
	 */
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
