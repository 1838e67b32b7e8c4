package dev.stompchat.core;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts refusals, so that operators see how often frames are refused and why: the errors
 * sent on {@code /user/queue/errors} as {@code chat.refusals}, tagged with their
 * {@code code} ({@code OVERLOADED}, {@code RATE_LIMITED}, …), and the refusals that end
 * the connection as {@code chat.refusals.closing}, tagged with their {@code reason}. The
 * latter are also logged, but the log is rate-limited and the count is not. Every code
 * and reason is registered at startup, so that one never met reads 0 rather than missing.
 */
@Component
class RefusalCounter {

	private final Map<ChatErrorCode, Counter> byCode = new EnumMap<>(ChatErrorCode.class);

	private final Map<ClosingRefusal, Counter> byReason = new EnumMap<>(ClosingRefusal.class);

	RefusalCounter(MeterRegistry registry) {
		for (ChatErrorCode code : ChatErrorCode.values()) {
			this.byCode.put(code,
					Counter.builder("chat.refusals")
						.description("Frames refused with an error on /user/queue/errors")
						.tag("code", code.name())
						.register(registry));
		}
		for (ClosingRefusal reason : ClosingRefusal.values()) {
			this.byReason.put(reason, Counter.builder("chat.refusals.closing")
				.description("Frames refused with an ERROR frame or a close, and frames dropped after DISCONNECT")
				.tag("reason", reason.name())
				.register(registry));
		}
	}

	void count(ChatErrorCode code) {
		this.byCode.get(code).increment();
	}

	void count(ClosingRefusal reason) {
		this.byReason.get(reason).increment();
	}

}
