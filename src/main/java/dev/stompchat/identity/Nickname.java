package dev.stompchat.identity;

import java.security.Principal;
import java.text.Normalizer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The name a person chats under, and the {@link Principal} of their connection: trimmed,
 * 1 to 32 characters, letters of any script, digits, space, {@code _}, {@code -} and
 * {@code .}, its words separated by one space, and at most 3 accents or other marks in a
 * row on a letter. An invalid nickname cannot be constructed. Whether it may be granted,
 * as it may look like another one, is for the {@link NicknameClaims} to say.
 */
public record Nickname(String value) implements Principal {

	public static final int MAX_LENGTH = 32;

	static final int MAX_MARKS_IN_A_ROW = 3;

	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd} _.\\-]+");

	private static final Pattern SPACES = Pattern.compile(" {2,}");

	private static final Pattern TOO_MANY_MARKS = Pattern.compile("\\p{M}{" + (MAX_MARKS_IN_A_ROW + 1) + "}");

	public Nickname {
		String problem = problemWith(value);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
	}

	/**
	 * Parse the raw {@code nickname} header of a CONNECT frame: trimmed, and each run of
	 * spaces inside it made one space.
	 * @throws IllegalArgumentException with a sentence that says what is wrong
	 */
	public static Nickname parse(@Nullable String header) {
		if (header == null) {
			throw new IllegalArgumentException(
					"Missing 'nickname' header: CONNECT must carry the name you chat under.");
		}
		return new Nickname(SPACES.matcher(header.trim()).replaceAll(" "));
	}

	private static @Nullable String problemWith(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "The nickname is empty: it needs 1 to " + MAX_LENGTH + " characters.";
		}
		if (!value.equals(value.trim())) {
			return "The nickname must not start or end with spaces.";
		}
		int length = value.codePointCount(0, value.length());
		if (length > MAX_LENGTH) {
			return "The nickname has " + length + " characters; at most " + MAX_LENGTH + " are allowed.";
		}
		if (!ALLOWED.matcher(value).matches()) {
			return "The nickname contains characters that are not allowed: use letters, digits, space, '_', '-' and '.'.";
		}
		if (SPACES.matcher(value).find()) {
			return "The nickname has several spaces in a row: separate its words with one space.";
		}
		if (TOO_MANY_MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).find()) {
			return "The nickname has more than " + MAX_MARKS_IN_A_ROW + " accents or other marks on one letter: "
					+ "at most " + MAX_MARKS_IN_A_ROW + " are allowed.";
		}
		return null;
	}

	@Override
	public String getName() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
