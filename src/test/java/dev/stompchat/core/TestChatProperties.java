package dev.stompchat.core;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link ChatProperties} for unit tests, bound as the application binds them: the
 * defaults, with the given {@code chat.…=value} settings over them.
 */
public final class TestChatProperties {

	private TestChatProperties() {
	}

	public static ChatProperties with(String... settings) {
		Map<String, String> values = new HashMap<>();
		for (String setting : settings) {
			String[] nameAndValue = setting.split("=", 2);
			values.put(nameAndValue[0], nameAndValue[1]);
		}
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("chat", ChatProperties.class);
	}

}
