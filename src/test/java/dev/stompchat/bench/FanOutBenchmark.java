package dev.stompchat.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Fan-out: publishers send to one destination that every subscriber receives, at each
 * offered rate in turn. Each message carries a marker {@code bench:<step>:<sequence>:<nanos>}
 * in its text; a subscriber that receives it records the time since it was sent.
 * Publisher and subscribers live in this process, so their clocks agree.
 */
final class FanOutBenchmark {

	private static final String MARKER = "bench:";

	private static final int WARM_UP_STEP = 0;

	private final BenchmarkOptions options;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<Integer, Step> steps = new ConcurrentHashMap<>();

	private final List<StompLoadClient> subscribers = new ArrayList<>();

	private final List<StompLoadClient> publishers = new ArrayList<>();

	FanOutBenchmark(BenchmarkOptions options) {
		this.options = options;
	}

	List<StepResult> run() throws Exception {
		ConnectionCounts connections = connect();
		List<StepResult> results = new ArrayList<>();
		try {
			int step = WARM_UP_STEP;
			for (int rate : this.options.rates()) {
				results.add(measure(++step, rate, connections));
			}
		}
		finally {
			this.subscribers.forEach(StompLoadClient::close);
			this.publishers.forEach(StompLoadClient::close);
		}
		return results;
	}

	private ConnectionCounts connect() throws Exception {
		int failed = 0;
		for (int i = 0; i < this.options.subscribers(); i++) {
			try {
				StompLoadClient subscriber = StompLoadClient
					.connect(this.http, this.options.url(), "sub-" + i, this::received)
					.get(10, TimeUnit.SECONDS);
				subscriber.subscribe("0", this.options.subscribeDestination());
				this.subscribers.add(subscriber);
			}
			catch (Exception ex) {
				failed++;
			}
		}
		for (int i = 0; i < this.options.publishers(); i++) {
			this.publishers.add(StompLoadClient.connect(this.http, this.options.url(), "pub-" + i, (body) -> {
			}).get(10, TimeUnit.SECONDS));
		}
		return new ConnectionCounts(this.options.subscribers() + this.options.publishers(),
				this.subscribers.size() + this.publishers.size(), failed);
	}

	private StepResult measure(int step, int rate, ConnectionCounts connections) throws Exception {
		Step warmUp = new Step();
		Step measured = new Step();
		this.steps.put(-step, warmUp);
		this.steps.put(step, measured);
		CpuSample clientBefore = CpuSample.ofThisProcess();
		CpuSample serverBefore = CpuSample.ofProcess(this.options.serverPid());
		AtomicLong sequence = new AtomicLong();
		long warmUpEnds = System.nanoTime() + this.options.warmUp().toNanos();
		long measureEnds = warmUpEnds + this.options.duration().toNanos();
		ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
		CompletableFuture<Void> done = new CompletableFuture<>();
		ScheduledFuture<?> publishing = pacer.scheduleAtFixedRate(() -> {
			long now = System.nanoTime();
			if (now >= measureEnds) {
				done.complete(null);
				return;
			}
			long seq = sequence.incrementAndGet();
			int tag = (now < warmUpEnds) ? -step : step;
			(tag > 0 ? measured : warmUp).published.increment();
			StompLoadClient publisher = this.publishers.get((int) (seq % this.publishers.size()));
			String marker = MARKER + tag + ":" + seq + ":" + System.nanoTime();
			publisher.send(this.options.sendDestination(), this.options.textBody() ? "text/plain" : "application/json",
					this.options.textBody() ? marker : "{\"text\":\"" + marker + "\"}");
		}, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
		CpuSample clientDuring;
		CpuSample serverDuring;
		try {
			done.get();
			clientDuring = CpuSample.ofThisProcess();
			serverDuring = CpuSample.ofProcess(this.options.serverPid());
		}
		finally {
			publishing.cancel(false);
			pacer.shutdownNow();
		}
		long expected = measured.published.sum() * this.subscribers.size();
		long drainEnds = System.nanoTime() + this.options.drain().toNanos();
		while (measured.received.sum() < expected && System.nanoTime() < drainEnds) {
			// late deliveries count as long as they come within the drain time
			TimeUnit.MILLISECONDS.sleep(10);
		}
		Histogram latency = measured.latencyMicros.getIntervalHistogram();
		long closed = this.subscribers.stream().filter(StompLoadClient::isClosed).count();
		long errors = this.subscribers.stream().mapToLong(StompLoadClient::errors).sum()
				+ this.publishers.stream().mapToLong(StompLoadClient::errors).sum();
		double seconds = this.options.duration().toNanos() / 1e9;
		double clientCores = clientDuring.coresSince(clientBefore);
		return new StepResult(rate, connections, measured.published.sum(), expected, measured.received.sum(),
				(expected > 0) ? (double) measured.received.sum() / expected : 1.0, measured.received.sum() / seconds,
				millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(90)),
				millis(latency.getValueAtPercentile(99)), millis(latency.getValueAtPercentile(99.9)),
				millis(latency.getMaxValue()), clientCores,
				clientCores > 0.9 * Runtime.getRuntime().availableProcessors(),
				serverDuring.coresSince(serverBefore), CpuSample.residentBytes(this.options.serverPid()), errors,
				closed);
	}

	private void received(String frame) {
		long now = System.nanoTime();
		int start = frame.indexOf(MARKER);
		if (start < 0) {
			return;
		}
		// bench:<step>:<sequence>:<nanos>, read without regular expressions or substrings
		int stepStart = start + MARKER.length();
		int stepEnd = frame.indexOf(':', stepStart);
		int sequenceEnd = frame.indexOf(':', stepEnd + 1);
		Step step = this.steps.get(Integer.parseInt(frame, stepStart, stepEnd, 10));
		if (step != null) {
			step.received.increment();
			long sent = Long.parseLong(frame, sequenceEnd + 1, digitsEnd(frame, sequenceEnd + 1), 10);
			step.latencyMicros.recordValue(Math.max(0, (now - sent) / 1000));
		}
	}

	private static int digitsEnd(String text, int from) {
		int end = from;
		while (end < text.length() && Character.isDigit(text.charAt(end))) {
			end++;
		}
		return end;
	}

	private static double millis(long micros) {
		return micros / 1000.0;
	}

	private static final class Step {

		final LongAdder published = new LongAdder();

		final LongAdder received = new LongAdder();

		final Recorder latencyMicros = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);

	}

	record ConnectionCounts(int attempted, int established, int failed) {
	}

	/** One offered rate, measured. Latencies in milliseconds, CPU in cores. */
	record StepResult(int offeredRate, ConnectionCounts connections, long published, long expectedDeliveries,
			long receivedDeliveries, double deliveryRatio, double deliveriesPerSecond, double p50, double p90,
			double p99, double p999, double max, double clientCpu, boolean clientSaturated, double serverCpu,
			long serverRssBytes, long errors, long closedSubscribers) {
	}

	/** CPU time of a process at one moment, read from the JVM or from {@code /proc}. */
	record CpuSample(long cpuNanos, long wallNanos) {

		static CpuSample ofThisProcess() {
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
			return new CpuSample(os.getProcessCpuTime(), System.nanoTime());
		}

		static CpuSample ofProcess(long pid) {
			if (pid <= 0) {
				return new CpuSample(0, System.nanoTime());
			}
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// utime and stime, in clock ticks of 10 ms on Linux
				long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
				return new CpuSample(ticks * 10_000_000L, System.nanoTime());
			}
			catch (Exception ex) {
				return new CpuSample(0, System.nanoTime());
			}
		}

		static long residentBytes(long pid) {
			if (pid <= 0) {
				return 0;
			}
			try {
				return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
					.stream()
					.filter((line) -> line.startsWith("VmRSS:"))
					.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
					.findFirst()
					.orElse(0L);
			}
			catch (Exception ex) {
				return 0;
			}
		}

		double coresSince(CpuSample earlier) {
			long wall = this.wallNanos - earlier.wallNanos;
			return (wall > 0) ? (double) (this.cpuNanos - earlier.cpuNanos) / wall : 0;
		}

	}

}
