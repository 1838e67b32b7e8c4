package dev.stompchat.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * One instance of the application in a JVM of its own, so that a test can kill it
 * ({@link #kill()}, SIGKILL) or stop it as an orchestrator would ({@link #terminate()},
 * SIGTERM). It runs {@code dev.stompchat.StompChatApplication} on the test JVM's class
 * path without the test classes (component scanning would pick up the tests'
 * configurations), on a free port, with its output in
 * {@code target/instances/<name>.log}; {@link Options#start()} returns once its readiness
 * probe answers 200.
 */
public final class ChatInstance implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Path LOGS = Path.of("target", "instances");

	private static final int LOG_TAIL_LINES = 60;

	// small heaps, and the quick compiler only: several instances start side by side
	private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	// killed when the test JVM ends, should a test not close an instance
	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
	}

	private final Options options;

	private final int port;

	private final Process process;

	private ChatInstance(Options options, int port, Process process) {
		this.options = options;
		this.port = port;
		this.process = process;
	}

	/** Options for an instance; {@code name} names its log file. */
	public static Options named(String name) {
		return new Options(name);
	}

	/** Starts an instance with these {@code --key=value} arguments and waits for it. */
	public static ChatInstance start(String name, String... arguments) {
		return named(name).arguments(arguments).start();
	}

	/**
	 * Starts the instances side by side and waits until every one is ready; JVMs start
	 * sooner together than one after the other.
	 */
	public static List<ChatInstance> startAll(Options... options) {
		List<ChatInstance> instances = new ArrayList<>();
		try {
			for (Options each : options) {
				instances.add(each.launch());
			}
			instances.forEach(ChatInstance::awaitReady);
			return instances;
		}
		catch (RuntimeException ex) {
			instances.forEach(ChatInstance::close);
			throw ex;
		}
	}

	public String name() {
		return this.options.name;
	}

	public int port() {
		return this.port;
	}

	/** STOMP over plain WebSocket. */
	public String wsUrl() {
		return "ws://localhost:" + this.port + "/ws";
	}

	/** STOMP over SockJS, as a SockJS client takes it. */
	public String sockJsUrl() {
		return httpUrl("/sockjs");
	}

	/**
	 * @param path the path, starting with {@code /}
	 */
	public String httpUrl(String path) {
		return "http://localhost:" + this.port + path;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Kills the process (SIGKILL), as a crash would, and waits until it is gone. */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit();
	}

	/**
	 * Asks the process to stop (SIGTERM), as an orchestrator does, and waits until it
	 * has.
	 * @return its exit code: 143 once the JVM has run its shutdown (128 + SIGTERM)
	 */
	public int terminate() {
		this.process.destroy();
		return awaitExit();
	}

	/**
	 * Starts another instance with the same name, port and options, for example after
	 * {@link #kill()}, so that a proxy in front finds it where it was. Its output is
	 * added to the same log.
	 */
	public ChatInstance startAgain() {
		if (isAlive()) {
			throw new IllegalStateException(name() + " is still running");
		}
		ChatInstance again = this.options.launch(this.port);
		again.awaitReady();
		return again;
	}

	public Path log() {
		return this.options.log();
	}

	/** The last lines of the log, for a failure's message. */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Kills the instance if it is still running. */
	@Override
	public void close() {
		if (isAlive()) {
			kill();
		}
	}

	@Override
	public String toString() {
		return name() + " (port " + this.port + ", pid " + pid() + ")";
	}

	private void awaitReady() {
		try {
			await(name() + " ready").atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(this::isReady);
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException(this + " was not ready within " + START_TIMEOUT.toSeconds()
					+ " s; the end of its log:\n" + logTail(), ex);
		}
	}

	private boolean isReady() throws IOException, InterruptedException {
		if (!isAlive()) {
			throw new IllegalStateException(this + " ended with exit code " + this.process.exitValue()
					+ " before it was ready; the end of its log:\n" + logTail());
		}
		HttpRequest readiness = HttpRequest.newBuilder(URI.create(httpUrl("/actuator/health/readiness")))
			.timeout(Duration.ofSeconds(2))
			.build();
		return HTTP.send(readiness, BodyHandlers.discarding()).statusCode() == 200;
	}

	private int awaitExit() {
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException(this + " did not stop within " + STOP_TIMEOUT.toSeconds()
						+ " s; the end of its log:\n" + logTail());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (!this.process.isAlive()) {
				RUNNING.remove(this.process);
			}
		}
	}

	/** How to start an instance: its name, its arguments and its JVM's options. */
	public static final class Options {

		private final String name;

		private final List<String> arguments = new ArrayList<>();

		private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);

		private int port;

		private Options(String name) {
			this.name = name;
		}

		/** Application arguments such as {@code --chat.broker=rabbitmq}. */
		public Options arguments(String... arguments) {
			return arguments(Arrays.asList(arguments));
		}

		public Options arguments(List<String> arguments) {
			this.arguments.addAll(arguments);
			return this;
		}

		/**
		 * JVM options, after the defaults ({@code -Xmx256m -XX:TieredStopAtLevel=1
		 * -XX:+UseSerialGC}), so that they win.
		 */
		public Options jvmOptions(String... jvmOptions) {
			this.jvmOptions.addAll(Arrays.asList(jvmOptions));
			return this;
		}

		/** A port of the test's choosing; otherwise a free one is picked at start. */
		public Options port(int port) {
			this.port = port;
			return this;
		}

		/** Starts the instance and waits until it is ready. */
		public ChatInstance start() {
			ChatInstance instance = launch();
			instance.awaitReady();
			return instance;
		}

		private ChatInstance launch() {
			return launch((this.port != 0) ? this.port : TestSocketUtils.findAvailableTcpPort());
		}

		private ChatInstance launch(int port) {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(this.jvmOptions);
			command.add("-cp");
			command.add(applicationClassPath());
			command.add("dev.stompchat.StompChatApplication");
			command.add("--server.port=" + port);
			command.addAll(this.arguments);
			try {
				Files.createDirectories(LOGS);
				Files.writeString(log(), "--- " + Instant.now() + ": " + String.join(" ", this.arguments) + "\n",
						StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
					.start();
				process.getOutputStream().close();
				RUNNING.add(process);
				return new ChatInstance(this, port, process);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start " + this.name, ex);
			}
		}

		private Path log() {
			return LOGS.resolve(this.name + ".log");
		}

		/**
		 * The test JVM's class path (Surefire's own when it runs the tests through a
		 * manifest-only jar) without the test classes.
		 */
		private static String applicationClassPath() {
			String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
			return Arrays.stream(classPath.split(File.pathSeparator))
				.filter((entry) -> !Path.of(entry).toAbsolutePath().equals(testClasses))
				.collect(Collectors.joining(File.pathSeparator));
		}

	}

}
