package dev.stompchat.messaging;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.stompchat.chat.Overload;
import dev.stompchat.core.ChatProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The connections' {@link Outbox outboxes} that wait for a writer, in the order they
 * started waiting, and the outbound executor's threads that write them; and so how long
 * the oldest frame not yet written has waited, which is what says the server is
 * overloaded.
 * <p>
 * An outbox waits here from its first frame until a thread takes it, and a thread takes
 * the one that has waited longest, so the head of the queue holds the oldest waiting
 * frame. Past {@code chat.overload.max-wait} chat messages are refused. Frames behind a
 * write in progress are not counted: a connection that cannot take them is cut off by the
 * send limits instead, so a stalled client cannot make the server look overloaded.
 */
@Component
class OutboundBacklog implements Overload, MeterBinder {

	private static final Log logger = LogFactory.getLog(OutboundBacklog.class);

	private final Queue<Outbox> ready = new ConcurrentLinkedQueue<>();

	private final LongAdder frames = new LongAdder();

	private final AtomicInteger writers = new AtomicInteger();

	private volatile int maxWriters = 1;

	private final long maxWaitNanos;

	private volatile Executor executor = (task) -> {
		throw new IllegalStateException("The outbound executor has not been given yet");
	};

	OutboundBacklog(ChatProperties properties) {
		this.maxWaitNanos = properties.overload().maxWait().toNanos();
	}

	/**
	 * Writes with the outbound channel's executor, which
	 * {@link MessageBrokerConfiguration} makes and gives here.
	 */
	void writeWith(Executor executor, int threads) {
		this.executor = executor;
		this.maxWriters = threads;
	}

	/** Puts an outbox that has frames and no writer in line for one. */
	void schedule(Outbox outbox) {
		outbox.markReady();
		this.ready.add(outbox);
		startWriterIfNeeded();
	}

	/**
	 * Starts one more writer unless as many as the executor has threads are at work: one
	 * task per writer, not per outbox, so that a broadcast to 1000 connections wakes a
	 * few threads, not 1000 times one.
	 */
	private void startWriterIfNeeded() {
		while (!this.ready.isEmpty()) {
			int writers = this.writers.get();
			if (writers >= this.maxWriters) {
				return;
			}
			if (this.writers.compareAndSet(writers, writers + 1)) {
				try {
					this.executor.execute(this::writeAll);
				}
				catch (RejectedExecutionException ex) {
					// the server is stopping: its connections are closing with it
					this.writers.decrementAndGet();
					logger.debug("Outbound executor refused a writer", ex);
				}
				return;
			}
		}
	}

	/**
	 * Writes outboxes, the longest waiting first, until none waits; an outbox that fills
	 * again meanwhile gets in line again.
	 */
	private void writeAll() {
		try {
			for (Outbox next = this.ready.poll(); next != null; next = this.ready.poll()) {
				next.write();
			}
		}
		finally {
			this.writers.decrementAndGet();
		}
		// an outbox may have got in line while this writer was leaving
		startWriterIfNeeded();
	}

	/** Runs a task on the writers' threads, where it may block. */
	void execute(Runnable task) {
		this.executor.execute(task);
	}

	void added() {
		this.frames.increment();
	}

	void removed(int frames) {
		this.frames.add(-frames);
	}

	/** Frames queued for connections and not yet written to them. */
	long frames() {
		return Math.max(0, this.frames.sum());
	}

	/** How long the oldest frame that waits for a writer has waited. */
	Duration oldestWait() {
		return Duration.ofNanos(oldestWaitNanos());
	}

	private long oldestWaitNanos() {
		Outbox oldest = this.ready.peek();
		return (oldest != null) ? Math.max(0, oldest.waitingNanos(System.nanoTime())) : 0;
	}

	/** Whether frames have waited longer than {@code chat.overload.max-wait}. */
	@Override
	public boolean isOverloaded() {
		return oldestWaitNanos() > this.maxWaitNanos;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.outbound.backlog", this, OutboundBacklog::frames)
			.description("Frames queued for connections and not yet written to them")
			.baseUnit("frames")
			.register(registry);
		Gauge
			.builder("chat.outbound.wait", this,
					(backlog) -> backlog.oldestWaitNanos() / (double) TimeUnit.SECONDS.toNanos(1))
			.description("How long the oldest frame waiting for a writer has waited")
			.baseUnit("seconds")
			.register(registry);
	}

}
