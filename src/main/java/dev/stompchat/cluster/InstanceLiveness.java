package dev.stompchat.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.stompchat.core.ConnectionsClosedOnShutdown;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps the instances' knowledge of each other: this instance writes a heart-beat to the
 * control stream every second and reads everyone's. It is linked to the broker while it
 * reads its own back; another instance silent for {@link #SILENCE} is written off as
 * {@link StreamEntry.Expired expired} on every stream, which ends its members' presence
 * and frees its nicknames everywhere. When this instance stops it writes itself off, so
 * the others need not wait.
 */
class InstanceLiveness implements StreamListener, SmartLifecycle, MeterBinder {

	private static final Log logger = LogFactory.getLog(InstanceLiveness.class);

	static final Duration HEARTBEAT = Duration.ofSeconds(1);

	/**
	 * Well within the 15 s in which a dead instance's members must be gone, and long
	 * enough for a full garbage collection.
	 */
	static final Duration SILENCE = Duration.ofSeconds(8);

	/** How recent this instance's own heart-beat must be for it to count as linked. */
	static final Duration LINKED = Duration.ofMillis(3500);

	private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(2);

	private final StreamLink link;

	private final TaskScheduler scheduler;

	private final ApplicationEventPublisher events;

	private final Liveness liveness = new Liveness(SILENCE, System.nanoTime());

	private volatile long ownHeartbeatRead = System.nanoTime() - LINKED.toNanos() - 1;

	private volatile boolean running;

	private @Nullable ScheduledFuture<?> beat;

	InstanceLiveness(StreamLink link, TaskScheduler scheduler, ApplicationEventPublisher events) {
		this.link = link;
		this.scheduler = scheduler;
		this.events = events;
	}

	/**
	 * Whether this instance reads its own heart-beats back: its link to the broker works.
	 */
	boolean isLinked() {
		return System.nanoTime() - this.ownHeartbeatRead <= LINKED.toNanos();
	}

	@Override
	public void onControlEntry(long offset, StreamEntry entry) {
		long now = System.nanoTime();
		if (entry instanceof StreamEntry.Heartbeat heartbeat) {
			if (heartbeat.instance().equals(this.link.instance())) {
				if (!isLinked()) {
					this.liveness.deafUntil(now);
				}
				this.ownHeartbeatRead = now;
			}
			else {
				this.liveness.heard(heartbeat.instance(), now);
			}
		}
		else if (entry instanceof StreamEntry.Expired expired) {
			this.liveness.forget(expired.expired());
			if (expired.expired().equals(this.link.instance()) && this.running
					&& !expired.instance().equals(this.link.instance())) {
				logger.warn("The other instances wrote this one off after not hearing from it for "
						+ SILENCE.toSeconds() + " s: closing its connections");
				this.events.publishEvent(new InstanceExpired(this.link.instance()));
			}
		}
	}

	private void beat() {
		this.link.publishToControl(new StreamEntry.Heartbeat(this.link.instance()));
		if (!this.link.isCaughtUp() || !isLinked()) {
			return;
		}
		for (String silent : this.liveness.silent(System.nanoTime())) {
			logger.warn("Instance " + silent + " has not been heard from for " + SILENCE.toSeconds()
					+ " s: ending its members' presence and nicknames");
			this.link.publishToAll(new StreamEntry.Expired(this.link.instance(), silent, Instant.now()));
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.broker.linked", this, (liveness) -> liveness.isLinked() ? 1 : 0)
			.description("1 while this instance reads its own heart-beats back from the broker, else 0")
			.register(registry);
	}

	@Override
	public void start() {
		this.running = true;
		this.beat = this.scheduler.scheduleAtFixedRate(this::beat, HEARTBEAT);
	}

	/**
	 * Once this instance's connections are closed on shutdown, its members leave and its
	 * nicknames are free everywhere at once, rather than after {@link #SILENCE}.
	 */
	@EventListener
	void connectionsClosed(ConnectionsClosedOnShutdown closed) {
		sayGoodbye();
	}

	@Override
	public void stop() {
		sayGoodbye();
	}

	private synchronized void sayGoodbye() {
		if (!this.running) {
			return;
		}
		this.running = false;
		if (this.beat != null) {
			this.beat.cancel(false);
		}
		try {
			this.link.publishToAll(new StreamEntry.Expired(this.link.instance(), this.link.instance(), Instant.now()))
				.get(GOODBYE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.info("Could not tell the other instances that this one stops; they will notice within "
					+ SILENCE.toSeconds() + " s: " + ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts after the link and stops before it, saying goodbye through it. */
	@Override
	public int getPhase() {
		return StreamLink.PHASE + 1;
	}

}
