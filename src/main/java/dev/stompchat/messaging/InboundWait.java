package dev.stompchat.messaging;

import java.util.concurrent.TimeUnit;

import dev.stompchat.chat.Overload;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.support.MessageHandlingRunnable;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderInitializer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Stamps every frame with the time it arrived, in its {@link Overload#ARRIVAL_HEADER}, as
 * Spring's STOMP decoder reads it on the thread that received it; and shows how long the
 * oldest frame queued for the inbound executor has waited.
 * <p>
 * A frame waits behind its connection's earlier frames, whose order is kept, and for a
 * thread of the inbound executor, which handles it and, for a chat message, fans it out
 * to the room's outboxes. The {@link OutboundBacklog} sees none of that wait: a publisher
 * sending faster than the server fans out would have its messages queue here and be
 * accepted ever later, so the chat refuses a message whose wait was past the bound.
 */
@Component
class InboundWait implements MessageHeaderInitializer, MeterBinder {

	private volatile @Nullable ThreadPoolTaskExecutor executor;

	/**
	 * Watches the queue of the inbound executor, which {@link MessageBrokerConfiguration}
	 * makes and gives here, for {@code chat.inbound.wait}.
	 */
	void watch(ThreadPoolTaskExecutor executor) {
		this.executor = executor;
	}

	@Override
	public void initHeaders(MessageHeaderAccessor headers) {
		headers.setHeader(Overload.ARRIVAL_HEADER, System.nanoTime());
	}

	/**
	 * How long the oldest frame queued for an inbound thread has waited since it arrived.
	 * Frames that wait behind an earlier frame of their connection are not queued there
	 * yet.
	 */
	private long oldestWaitNanos() {
		ThreadPoolTaskExecutor executor = this.executor;
		if (executor == null || executor.getQueueSize() == 0) {
			return 0;
		}
		for (Runnable task : executor.getThreadPoolExecutor().getQueue()) {
			if (task instanceof MessageHandlingRunnable handling
					&& handling.getMessage().getHeaders().get(Overload.ARRIVAL_HEADER) instanceof Long arrival) {
				return Math.max(0, System.nanoTime() - arrival);
			}
		}
		return 0;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge
			.builder("chat.inbound.wait", this, (wait) -> wait.oldestWaitNanos() / (double) TimeUnit.SECONDS.toNanos(1))
			.description("How long the oldest frame waiting for an inbound thread has waited since it arrived")
			.baseUnit("seconds")
			.register(registry);
	}

}
