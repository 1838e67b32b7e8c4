package dev.stompchat.chat;

import java.util.regex.Pattern;

import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatException;
import org.jspecify.annotations.Nullable;

/**
 * The text of a chat message: control characters other than newline and tab removed,
 * trimmed, 1 to a configured number of characters counted as Unicode code points, and no
 * unpaired surrogates (which no encoding can carry to the other members).
 */
record MessageText(String value) {

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

	static MessageText of(@Nullable String raw, int maxLength) {
		String text = (raw != null) ? CONTROL_CHARACTERS.matcher(raw).replaceAll("").strip() : "";
		if (text.isEmpty()) {
			throw new ChatException(ChatErrorCode.TEXT_EMPTY, "The message is empty: type some text to send.");
		}
		if (hasUnpairedSurrogate(text)) {
			throw new ChatException(ChatErrorCode.INVALID_TEXT,
					"The message contains an unpaired surrogate, which is not a character: send valid Unicode text.");
		}
		int length = text.codePointCount(0, text.length());
		if (length > maxLength) {
			throw new ChatException(ChatErrorCode.TEXT_TOO_LONG,
					"The message has " + length + " characters; at most " + maxLength + " are allowed.");
		}
		return new MessageText(text);
	}

	private static boolean hasUnpairedSurrogate(String text) {
		return text.codePoints().anyMatch((codePoint) -> Character.getType(codePoint) == Character.SURROGATE);
	}

}
