package dev.stompchat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server's process as Linux shows it in {@code /proc}: CPU time, resident memory,
 * and, when it is a JVM, its live heap through {@code jcmd}. Every reading of a process
 * that is not there, or of no process ({@code pid} 0), is 0 or empty.
 */
record ServerProcess(long pid) {

	/** Clock ticks of {@code /proc/<pid>/stat}: 100 a second on Linux. */
	private static final long NANOS_PER_TICK = 10_000_000L;

	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private static final double QUIET_CORES = 0.05;

	private static final long QUIET_SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static final Duration QUIET_GIVE_UP = Duration.ofSeconds(30);

	boolean isKnown() {
		return this.pid > 0;
	}

	CpuSample cpu() {
		if (!isKnown()) {
			return new CpuSample(0, System.nanoTime());
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(this.pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// utime and stime
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return new CpuSample(ticks * NANOS_PER_TICK, System.nanoTime());
		}
		catch (IOException | RuntimeException ex) {
			return new CpuSample(0, System.nanoTime());
		}
	}

	long residentBytes() {
		if (!isKnown()) {
			return 0;
		}
		try {
			return Files.readAllLines(Path.of("/proc", Long.toString(this.pid), "status"))
				.stream()
				.filter((line) -> line.startsWith("VmRSS:"))
				.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
				.findFirst()
				.orElse(0L);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * The heap still in use after a full collection ({@code jcmd GC.run}, then
	 * {@code GC.heap_info}); empty when the server is not a JVM (RabbitMQ runs on Erlang)
	 * or cannot be attached to.
	 */
	OptionalLong liveHeapBytes() {
		if (!isJvm() || jcmd("GC.run") == null) {
			return OptionalLong.empty();
		}
		String heapInfo = jcmd("GC.heap_info");
		return (heapInfo != null) ? usedHeapBytes(heapInfo) : OptionalLong.empty();
	}

	/**
	 * Whether the process has loaded the JVM. Checked before {@code jcmd}, because
	 * attaching signals the process with SIGQUIT, which ends one that is not a JVM.
	 */
	boolean isJvm() {
		if (!isKnown()) {
			return false;
		}
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(this.pid), "maps"))) {
			return lines.anyMatch((line) -> line.endsWith("/libjvm.so"));
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The heap's used bytes in the output of {@code GC.heap_info}: G1 prints one line
	 * {@code garbage-first heap total …K, used …K}; generational collectors print one
	 * such line per generation, before the metaspace lines.
	 */
	static OptionalLong usedHeapBytes(String heapInfo) {
		String heap = heapInfo.contains("Metaspace") ? heapInfo.substring(0, heapInfo.indexOf("Metaspace")) : heapInfo;
		Matcher used = HEAP_USED.matcher(heap);
		long kilobytes = 0;
		boolean found = false;
		while (used.find()) {
			kilobytes += Long.parseLong(used.group(1));
			found = true;
		}
		return found ? OptionalLong.of(kilobytes * 1024) : OptionalLong.empty();
	}

	/**
	 * How long after now the server's CPU falls below 0.05 cores over one 250 ms sample,
	 * or empty when it does not within 30 s.
	 */
	OptionalLong millisUntilQuiet() {
		return millisUntilQuiet(QUIET_GIVE_UP);
	}

	/**
	 * How long after now the server's CPU falls below 0.05 cores over one 250 ms sample,
	 * or empty when it does not within {@code giveUp}.
	 */
	OptionalLong millisUntilQuiet(Duration giveUp) {
		if (!isKnown()) {
			return OptionalLong.empty();
		}
		long start = System.nanoTime();
		CpuSample previous = cpu();
		while (System.nanoTime() - start < giveUp.toNanos()) {
			LockSupport.parkNanos(QUIET_SAMPLE_NANOS);
			CpuSample sample = cpu();
			if (sample.coresSince(previous) < QUIET_CORES) {
				return OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(sample.wallNanos() - start));
			}
			previous = sample;
		}
		return OptionalLong.empty();
	}

	private String jcmd(String command) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(this.pid), command)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** CPU time of a process at one moment. */
	record CpuSample(long cpuNanos, long wallNanos) {

		static CpuSample ofThisProcess() {
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
			return new CpuSample(os.getProcessCpuTime(), System.nanoTime());
		}

		long cpuNanosSince(CpuSample earlier) {
			return this.cpuNanos - earlier.cpuNanos;
		}

		double coresSince(CpuSample earlier) {
			long wall = this.wallNanos - earlier.wallNanos;
			return (wall > 0) ? (double) (this.cpuNanos - earlier.cpuNanos) / wall : 0;
		}

	}

}
