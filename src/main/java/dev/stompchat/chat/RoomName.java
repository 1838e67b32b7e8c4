package dev.stompchat.chat;

import java.util.regex.Pattern;

/**
 * A validated room name: a lowercase letter or digit, then up to 31 lowercase letters,
 * digits or hyphens. An invalid name cannot be constructed.
 */
public record RoomName(String value) {

	private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	public static final RoomName DEFAULT = new RoomName("general");

	public RoomName {
		if (!isValid(value)) {
			throw new ChatException(ChatErrorCode.INVALID_ROOM, describeProblem(value));
		}
	}

	public static boolean isValid(String value) {
		return value != null && VALID.matcher(value).matches();
	}

	public static String describeProblem(String value) {
		return "Invalid room name '" + Excerpt.of(value) + "': use 1 to 32 lowercase letters, digits or hyphens, "
				+ "starting with a letter or digit.";
	}

	/** The broker topic every member of this room subscribes to. */
	public String topic() {
		return "/topic/rooms." + this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
