package dev.stompchat.chat;

import java.util.regex.Pattern;

/**
 * A validated room name: a lowercase letter or digit, then up to 31 lowercase letters,
 * digits or hyphens. An invalid name cannot be constructed.
 */
public record RoomName(String value) {

	/** What a room name must match, whole: also handed to the page, whose regular expressions read it alike. */
	public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,31}";

	/** A room's application destinations: this, the room name, then one of the suffixes below. */
	public static final String APPLICATION_DESTINATION_PREFIX = "/app/rooms.";

	/** SEND here ({@code /app/rooms.{room}.send}) to say something in the room. */
	public static final String SEND_SUFFIX = ".send";

	/** SUBSCRIBE here ({@code /app/rooms.{room}.members}) for the room's members, answered once. */
	public static final String MEMBERS_SUFFIX = ".members";

	/** SUBSCRIBE here ({@code /app/rooms.{room}.history}) for the room's recent messages, answered once. */
	public static final String HISTORY_SUFFIX = ".history";

	/** SUBSCRIBE here for the active rooms, answered once. */
	public static final String ROOMS_DESTINATION = "/app/rooms";

	/** A room's broker topic: this, then the room name. */
	public static final String TOPIC_PREFIX = "/topic/rooms.";

	private static final Pattern VALID = Pattern.compile(PATTERN);

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
		return TOPIC_PREFIX + this.value;
	}

	/** The application destination of this room with that suffix, such as {@link #SEND_SUFFIX}. */
	public String applicationDestination(String suffix) {
		return APPLICATION_DESTINATION_PREFIX + this.value + suffix;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
