package dev.stompchat.chat;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of a SEND to {@code /app/rooms.{room}.send}. Any other field a client puts in
 * it, such as a {@code sender}, is ignored. {@code text} must be a JSON string: Jackson
 * would otherwise turn a number into its digits.
 */
record SendRequest(@JsonDeserialize(using = SendRequest.StringOnly.class) @Nullable String text) {

	static final class StringOnly extends ValueDeserializer<String> {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				return parser.getString();
			}
			return (String) context.handleUnexpectedToken(String.class, parser);
		}

	}

}
