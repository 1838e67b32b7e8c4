package dev.stompchat.connection;

import java.security.Principal;
import java.util.regex.Pattern;

/**
 * The name a person chats under, and the {@link Principal} of their connection: trimmed,
 * 1 to 32 characters, letters of any script, digits, space, {@code _}, {@code -} and
 * {@code .}. An invalid nickname cannot be constructed.
 */
public record Nickname(String value) implements Principal {

	public static final int MAX_LENGTH = 32;

	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd} _.\\-]+");

	public Nickname {
		String problem = problemWith(value);
		if (problem != null) {
			throw new IllegalArgumentException(problem);
		}
	}

	/**
	 * Parse the raw {@code nickname} header of a CONNECT frame.
	 * @throws IllegalArgumentException with a sentence that says what is wrong
	 */
	public static Nickname parse(String header) {
		if (header == null) {
			throw new IllegalArgumentException("Missing 'nickname' header: CONNECT must carry the name you chat under.");
		}
		return new Nickname(header.trim());
	}

	private static String problemWith(String value) {
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
			return "The nickname '" + value + "' contains characters that are not allowed: "
					+ "use letters, digits, space, '_', '-' and '.'.";
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
