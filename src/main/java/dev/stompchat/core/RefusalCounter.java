package dev.stompchat.core;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts the errors sent on {@code /user/queue/errors} as {@code chat.refusals}, tagged
 * with their code, so that operators see how often messages are refused and why
 * ({@code OVERLOADED}, {@code RATE_LIMITED}, …). Every code is registered at startup, so
 * that a code never refused reads 0 rather than missing.
 */
@Component
class RefusalCounter {

	private final Map<ChatErrorCode, Counter> counters = new EnumMap<>(ChatErrorCode.class);

	RefusalCounter(MeterRegistry registry) {
		for (ChatErrorCode code : ChatErrorCode.values()) {
			this.counters.put(code,
					Counter.builder("chat.refusals")
						.description("Frames refused with an error on /user/queue/errors")
						.tag("code", code.name())
						.register(registry));
		}
	}

	void count(ChatErrorCode code) {
		this.counters.get(code).increment();
	}

}
