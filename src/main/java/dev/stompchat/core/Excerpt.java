package dev.stompchat.core;

import org.jspecify.annotations.Nullable;

/**
 * A short, printable excerpt of something a client sent, for an error sentence or a log
 * line: at most {@link #MAX_CODE_POINTS} code points, control, format and other invisible
 * characters shown as {@code ?}, and an ellipsis where it was cut. An answer must never
 * carry a client's input back whole: a 12,000-character destination would come back as a
 * 12 KB ERROR frame, and an escape byte could reach a terminal.
 */
public final class Excerpt {

	public static final int MAX_CODE_POINTS = 64;

	private Excerpt() {
	}

	public static String of(@Nullable String input) {
		if (input == null) {
			return "";
		}
		StringBuilder excerpt = new StringBuilder();
		int[] codePoints = input.codePoints().limit(MAX_CODE_POINTS + 1L).toArray();
		for (int i = 0; i < Math.min(codePoints.length, MAX_CODE_POINTS); i++) {
			excerpt.appendCodePoint(isPrintable(codePoints[i]) ? codePoints[i] : '?');
		}
		if (codePoints.length > MAX_CODE_POINTS) {
			excerpt.append('…');
		}
		return excerpt.toString();
	}

	private static boolean isPrintable(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
				false;
			default -> true;
		};
	}

}
