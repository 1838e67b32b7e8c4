package dev.stompchat.core;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A validated room name: a lowercase letter or digit, then up to 31 lowercase letters,
 * digits or hyphens. An invalid name cannot be constructed. The one place where a room's
 * destinations are built and parsed.
 */
public record RoomName(String value) {

	/** The pattern every room name matches, also handed to the page. */
	public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,31}";

	/** What every room's topic starts with; the room name follows. */
	public static final String TOPIC_PREFIX = "/topic/rooms.";

	/**
	 * What clients send to and ask of the application; {@code rooms.{room}.…} follows.
	 */
	public static final String APPLICATION_PREFIX = "/app/";

	/**
	 * A room's application destinations: this, the room name, then one of the suffixes
	 * below.
	 */
	public static final String APPLICATION_DESTINATION_PREFIX = APPLICATION_PREFIX + "rooms.";

	/** SEND here ({@code /app/rooms.{room}.send}) to say something in the room. */
	public static final String SEND_SUFFIX = ".send";

	/**
	 * SUBSCRIBE here ({@code /app/rooms.{room}.members}) for the room's members, answered
	 * once.
	 */
	public static final String MEMBERS_SUFFIX = ".members";

	/**
	 * SUBSCRIBE here ({@code /app/rooms.{room}.history}) for the room's recent messages,
	 * answered once.
	 */
	public static final String HISTORY_SUFFIX = ".history";

	/** SUBSCRIBE here for the active rooms, answered once. */
	public static final String ROOMS_DESTINATION = APPLICATION_PREFIX + "rooms";

	private static final Pattern VALID = Pattern.compile(PATTERN);

	public static final RoomName DEFAULT = new RoomName("general");

	public RoomName {
		if (!isValid(value)) {
			throw new ChatException(ChatErrorCode.INVALID_ROOM, describeProblem(value));
		}
	}

	public static boolean isValid(@Nullable String value) {
		return value != null && VALID.matcher(value).matches();
	}

	public static String describeProblem(@Nullable String value) {
		return "Invalid room name '" + Excerpt.of(value) + "': use 1 to 32 lowercase letters, digits or hyphens, "
				+ "starting with a letter or digit.";
	}

	/** The broker topic every member of this room subscribes to. */
	public String topic() {
		return TOPIC_PREFIX + this.value;
	}

	/**
	 * The application destination of this room with that suffix, such as
	 * {@link #SEND_SUFFIX}.
	 */
	public String applicationDestination(String suffix) {
		return APPLICATION_DESTINATION_PREFIX + this.value + suffix;
	}

	/** Whether a destination is a room's topic, of a valid room name or not. */
	public static boolean isTopic(@Nullable String destination) {
		return destination != null && destination.startsWith(TOPIC_PREFIX);
	}

	/**
	 * The name in a room topic, valid or not; {@code null} for a destination that is no
	 * room topic.
	 */
	public static @Nullable String nameInTopic(@Nullable String destination) {
		return isTopic(destination) ? destination.substring(TOPIC_PREFIX.length()) : null;
	}

	/** The room whose topic a destination is; {@code null} for anything else. */
	public static @Nullable RoomName ofTopic(@Nullable String destination) {
		String name = nameInTopic(destination);
		return isValid(name) ? new RoomName(name) : null;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
