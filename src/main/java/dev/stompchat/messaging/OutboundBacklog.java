package dev.stompchat.messaging;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.stompchat.chat.Overload;
import dev.stompchat.core.ChatProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private static final long RATE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final Log logger = LogFactory.getLog(OutboundBacklog.class);

	private final Queue<Outbox> ready = new ConcurrentLinkedQueue<>();

	private final LongAdder frames = new LongAdder();

	private final AtomicInteger writers = new AtomicInteger();

	private volatile int maxWriters = 1;

	private final long maxWaitNanos;

	private final long windowNanos;

	private final int coalesceAbove;

	// outboxes held back for the coalescing window, in the order they were held back, so
	// in the order they are due
	private final Queue<Outbox> held = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean releaseDue = new AtomicBoolean();

	private final LongAdder offered = new LongAdder();

	private final LongAdder heldBack = new LongAdder();

	private final AtomicLong rateSince = new AtomicLong(System.nanoTime());

	private volatile long deliveriesPerSecond;

	private volatile Executor executor = (task) -> {
		throw new IllegalStateException("The outbound executor has not been given yet");
	};

	OutboundBacklog(ChatProperties properties) {
		this.maxWaitNanos = properties.overload().maxWait().toNanos();
		this.windowNanos = properties.coalescing().window().toNanos();
		this.coalesceAbove = properties.coalescing().above();
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
		long now = System.nanoTime();
		outbox.markReady(now);
		if (holdsBack(outbox, now)) {
			this.heldBack.increment();
			this.held.add(outbox);
			if (this.releaseDue.compareAndSet(false, true)) {
				releaseIn(this.windowNanos);
			}
			return;
		}
		this.ready.add(outbox);
		startWriterIfNeeded();
	}

	private boolean holdsBack(Outbox outbox, long now) {
		return this.windowNanos > 0 && outbox.previousFrameNanos(now) < this.windowNanos
				&& deliveriesPerSecond(now) >= this.coalesceAbove;
	}

	private long deliveriesPerSecond(long now) {
		long since = this.rateSince.get();
		long elapsed = now - since;
		if (elapsed >= RATE_INTERVAL_NANOS && this.rateSince.compareAndSet(since, now)) {
			this.deliveriesPerSecond = this.offered.sumThenReset() * TimeUnit.SECONDS.toNanos(1) / elapsed;
		}
		return this.deliveriesPerSecond;
	}

	private void releaseIn(long nanos) {
		CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, Runnable::run).execute(this::release);
	}

	/** Puts the outboxes whose window has passed in line for a writer. */
	private void release() {
		long now = System.nanoTime();
		for (Outbox next = this.held.peek(); next != null
				&& next.waitingNanos(now) >= this.windowNanos; next = this.held.peek()) {
			this.ready.add(this.held.poll());
		}
		startWriterIfNeeded();
		this.releaseDue.set(false);
		Outbox next = this.held.peek();
		if (next != null && this.releaseDue.compareAndSet(false, true)) {
			releaseIn(Math.max(0, this.windowNanos - next.waitingNanos(System.nanoTime())));
		}
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
		this.offered.increment();
	}

	void removed(int frames) {
		this.frames.add(-frames);
	}

	/** Frames queued for connections and not yet written to them. */
	long frames() {
		return Math.max(0, this.frames.sum());
	}

	/** How many times a connection's frames were held back for the coalescing window. */
	long heldBack() {
		return this.heldBack.sum();
	}

	/** How long the oldest frame that waits for a writer has waited. */
	Duration oldestWait() {
		return Duration.ofNanos(oldestWaitNanos());
	}

	private long oldestWaitNanos() {
		long now = System.nanoTime();
		return Math.max(waitingNanos(this.ready.peek(), now), waitingNanos(this.held.peek(), now));
	}

	private static long waitingNanos(@Nullable Outbox outbox, long now) {
		return (outbox != null) ? Math.max(0, outbox.waitingNanos(now)) : 0;
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
		FunctionCounter.builder("chat.outbound.held", this, OutboundBacklog::heldBack)
			.description("Times a connection's frames were held back for the coalescing window")
			.register(registry);
	}

}
