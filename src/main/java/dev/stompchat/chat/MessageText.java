package dev.stompchat.chat;

/**
 * The text of a chat message: trimmed, 1 to a configured number of characters.
 */
record MessageText(String value) {

	static MessageText of(String raw, int maxLength) {
		String text = (raw != null) ? raw.strip() : "";
		if (text.isEmpty()) {
			throw new ChatException(ChatErrorCode.TEXT_EMPTY, "The message is empty: type some text to send.");
		}
		int length = text.codePointCount(0, text.length());
		if (length > maxLength) {
			throw new ChatException(ChatErrorCode.TEXT_TOO_LONG,
					"The message has " + length + " characters; at most " + maxLength + " are allowed.");
		}
		return new MessageText(text);
	}

}
