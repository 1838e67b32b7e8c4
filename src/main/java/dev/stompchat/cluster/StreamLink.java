package dev.stompchat.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import com.rabbitmq.stream.ByteCapacity;
import com.rabbitmq.stream.Constants;
import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.Producer;
import com.rabbitmq.stream.StreamException;
import dev.stompchat.core.ChatProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * This instance's link to the streams: declares them with their retention, publishes to
 * them, and reads every one of them from the oldest entry kept, handing each entry once
 * and in order to the {@link StreamListener listeners}.
 * <p>
 * It connects in the background and keeps trying until the broker answers, so that an
 * instance started before its broker comes up once it does, reporting the broker as down
 * meanwhile. Once connected, the stream client reconnects producers and consumers by
 * itself; a consumer then resumes at the last entry it received, which is dropped here as
 * already read. An instance has read all that came before it once it reads back the
 * {@link StreamEntry.Started} entry it writes to each stream.
 */
class StreamLink implements SmartLifecycle, MeterBinder {

	private static final Log logger = LogFactory.getLog(StreamLink.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	/**
	 * Stops after the connections are closed, so that their goodbyes reach the others.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Environment environment;

	private final StreamNames names;

	private final ChatProperties.Retention retention;

	private final String instance;

	private final JsonMapper json;

	private final ObjectProvider<StreamListener> listenerProvider;

	private List<StreamListener> listeners = List.of();

	/** One per partition, then the control stream's. */
	private final AtomicReferenceArray<@Nullable Producer> producers;

	private final AtomicLong[] lastRead;

	private final boolean[] caughtUp;

	private final List<Consumer> consumers = new ArrayList<>();

	/** The newest committed chunk each consumer was told of, for its lag. */
	private final AtomicLong[] committed;

	private final LongAdder published = new LongAdder();

	private final LongAdder consumed = new LongAdder();

	private @Nullable Timer confirmTime;

	private final TaskScheduler scheduler;

	private volatile boolean running;

	private boolean warned;

	StreamLink(Environment environment, StreamNames names, ChatProperties.Retention retention, String instance,
			JsonMapper json, ObjectProvider<StreamListener> listeners, TaskScheduler scheduler) {
		this.scheduler = scheduler;
		this.environment = environment;
		this.names = names;
		this.retention = retention;
		this.instance = instance;
		this.json = json;
		this.listenerProvider = listeners;
		int streams = names.partitions() + 1;
		this.producers = new AtomicReferenceArray<>(streams);
		this.lastRead = new AtomicLong[streams];
		this.caughtUp = new boolean[streams];
		this.committed = new AtomicLong[streams];
		for (int i = 0; i < streams; i++) {
			this.lastRead[i] = new AtomicLong(-1);
			this.committed[i] = new AtomicLong(-1);
		}
	}

	String instance() {
		return this.instance;
	}

	StreamNames names() {
		return this.names;
	}

	/** Whether every stream was read up to where this instance joined. */
	synchronized boolean isCaughtUp() {
		for (boolean stream : this.caughtUp) {
			if (!stream) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Publish to a room partition.
	 * @return completes once the broker confirmed that it stored the entry
	 */
	CompletableFuture<Void> publishToRooms(int partition, StreamEntry entry) {
		return publish(partition, entry);
	}

	CompletableFuture<Void> publishToControl(StreamEntry entry) {
		return publish(this.names.partitions(), entry);
	}

	/** Publish to every stream, the control stream last. */
	CompletableFuture<Void> publishToAll(StreamEntry entry) {
		List<CompletableFuture<Void>> confirms = new ArrayList<>();
		for (int i = 0; i <= this.names.partitions(); i++) {
			confirms.add(publish(i, entry));
		}
		return CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new));
	}

	private CompletableFuture<Void> publish(int stream, StreamEntry entry) {
		Producer producer = this.producers.get(stream);
		CompletableFuture<Void> confirmed = new CompletableFuture<>();
		if (producer == null) {
			confirmed.completeExceptionally(new IllegalStateException("Not connected to the broker"));
			return confirmed;
		}
		long sent = System.nanoTime();
		try {
			producer.send(producer.messageBuilder().addData(this.json.writeValueAsBytes(entry)).build(), (status) -> {
				Timer confirmTime = this.confirmTime;
				if (confirmTime != null) {
					confirmTime.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
				}
				if (status.isConfirmed()) {
					this.published.increment();
					confirmed.complete(null);
				}
				else {
					confirmed.completeExceptionally(new IllegalStateException(
							"The broker did not store the entry (code " + status.getCode() + ")"));
				}
			});
		}
		catch (RuntimeException ex) {
			confirmed.completeExceptionally(ex);
		}
		return confirmed;
	}

	@Override
	public void start() {
		// the listeners publish through this link, so they are looked up once it exists
		this.listeners = this.listenerProvider.orderedStream().toList();
		this.running = true;
		this.scheduler.schedule(this::connectOrRetry, Instant.now());
	}

	private void connectOrRetry() {
		if (!this.running) {
			return;
		}
		try {
			connect();
			logger.info("Connected to the streams " + this.names.prefix() + ".* as instance " + this.instance);
		}
		catch (RuntimeException ex) {
			closeAll();
			if (!this.warned) {
				logger.warn("Cannot reach the streams, retrying every " + RETRY_DELAY.toSeconds() + " s: " + ex);
				this.warned = true;
			}
			this.scheduler.schedule(this::connectOrRetry, Instant.now().plus(RETRY_DELAY));
		}
	}

	private void connect() {
		List<String> streams = this.names.all().toList();
		for (String stream : streams) {
			declare(stream);
		}
		for (int i = 0; i < streams.size(); i++) {
			this.producers.set(i, this.environment.producerBuilder().stream(streams.get(i)).build());
		}
		for (int i = 0; i < streams.size(); i++) {
			int stream = i;
			Consumer consumer = this.environment.consumerBuilder()
				.stream(streams.get(i))
				.offset(OffsetSpecification.first())
				.noTrackingStrategy()
				.messageHandler((context, message) -> {
					this.committed[stream].accumulateAndGet(context.committedChunkId(), Math::max);
					read(stream, context.offset(), message.getBodyAsBinary());
				})
				.build();
			synchronized (this) {
				this.consumers.add(consumer);
			}
		}
		publishToAll(new StreamEntry.Started(this.instance));
	}

	/**
	 * Creates a stream with the configured retention. A stream that exists already keeps
	 * the retention it was created with, even when the settings changed since: RabbitMQ
	 * changes that through a policy, not on declaration.
	 */
	private void declare(String stream) {
		try {
			this.environment.streamCreator()
				.stream(stream)
				.maxAge(this.retention.maxAge())
				.maxLengthBytes(ByteCapacity.B(this.retention.maxBytes().toBytes()))
				.maxSegmentSizeBytes(ByteCapacity.B(this.retention.segmentBytes().toBytes()))
				.create();
		}
		catch (StreamException ex) {
			if (ex.getCode() != Constants.RESPONSE_CODE_STREAM_ALREADY_EXISTS
					&& ex.getCode() != Constants.RESPONSE_CODE_PRECONDITION_FAILED) {
				throw ex;
			}
			logger.info("Stream " + stream + " exists with other retention settings; it keeps its own");
		}
	}

	private void read(int stream, long offset, byte[] body) {
		AtomicLong last = this.lastRead[stream];
		if (offset <= last.get()) {
			return;
		}
		last.set(offset);
		this.consumed.increment();
		StreamEntry entry;
		try {
			entry = this.json.readValue(body, StreamEntry.class);
		}
		catch (RuntimeException ex) {
			logger.warn("Skipping an unreadable entry at offset " + offset + " of stream " + stream + ": " + ex);
			return;
		}
		if (entry instanceof StreamEntry.Started started && started.instance().equals(this.instance)) {
			synchronized (this) {
				this.caughtUp[stream] = true;
			}
		}
		boolean control = stream == this.names.partitions();
		for (StreamListener listener : this.listeners) {
			try {
				if (control) {
					listener.onControlEntry(offset, entry);
				}
				else {
					listener.onRoomEntry(stream, offset, entry);
				}
			}
			catch (RuntimeException ex) {
				logger.error("Failed to apply the entry at offset " + offset + " of stream " + stream, ex);
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		closeAll();
	}

	private synchronized void closeAll() {
		for (Consumer consumer : this.consumers) {
			closeQuietly(consumer);
		}
		this.consumers.clear();
		for (int i = 0; i < this.producers.length(); i++) {
			Producer producer = this.producers.getAndSet(i, null);
			if (producer != null) {
				closeQuietly(producer);
			}
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			logger.debug("Failed to close " + closeable, ex);
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.confirmTime = Timer.builder("chat.broker.confirm")
			.description("Time from publishing to a stream to the broker's confirmation that it stored it")
			.publishPercentileHistogram()
			.register(registry);
		FunctionCounter.builder("chat.broker.published", this.published, LongAdder::sum)
			.description("Entries this instance published to the streams and the broker confirmed")
			.register(registry);
		FunctionCounter.builder("chat.broker.consumed", this.consumed, LongAdder::sum)
			.description("Entries this instance read from the streams, redeliveries left out")
			.register(registry);
		Gauge.builder("chat.broker.lag", this, StreamLink::lag)
			.description("How far this instance is behind the streams' ends, in offsets, summed over the streams")
			.register(registry);
	}

	/**
	 * The offsets between what was read and the last chunk the broker had committed when
	 * it last delivered; a broker before RabbitMQ 3.11 does not say, and it reads 0.
	 */
	private double lag() {
		long lag = 0;
		for (int i = 0; i < this.committed.length; i++) {
			lag += Math.max(0, this.committed[i].get() - this.lastRead[i].get());
		}
		return lag;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
