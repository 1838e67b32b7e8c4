package dev.stompchat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.test.util.TestSocketUtils;

import static org.awaitility.Awaitility.await;

/**
 * nginx with the shipped configuration ({@code deploy/nginx/stomp-chat.conf}) in front of
 * instances on this machine: the same file, with the upstream's servers replaced by the
 * instances' ports and its {@code listen} port by a free one. It runs as a process of the
 * test's, not as the system's service, with everything of its own (configuration, pid
 * file, logs, temporary files) in {@code target/nginx/<name>/}.
 * <p>
 * Its access log has one line per request: method, path and query, status and the
 * instance that answered ({@code $upstream_addr}), so that a test can see where requests
 * went. One worker process, so that requests spread round-robin take turns in one
 * sequence.
 */
public final class Nginx implements AutoCloseable {

	public static final String REQUIRED_PROPERTY = "nginx.required";

	public static final Path SHIPPED_CONFIGURATION = Path.of("deploy", "nginx", "stomp-chat.conf");

	static final Path EXECUTABLE = Path.of(System.getProperty("nginx.executable", "/usr/sbin/nginx"));

	private static final Path ROOT = Path.of("target", "nginx");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern UPSTREAM = Pattern.compile("(?ms)^upstream stomp_chat \\{\\n(.*?)^\\}");

	private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*)server\\s+[^\\s;]+([^;]*);\\n");

	private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*)listen 8080;$");

	private final Path directory;

	private final int port;

	private final Process process;

	private Nginx(Path directory, int port, Process process) {
		this.directory = directory;
		this.port = port;
		this.process = process;
	}

	public static boolean isInstalled() {
		return Files.isExecutable(EXECUTABLE);
	}

	/** Starts nginx in front of these instances and waits until it listens. */
	public static Nginx inFrontOf(String name, ChatInstance... instances) {
		return inFrontOf(name, Stream.of(instances).map(ChatInstance::port).toList());
	}

	/** Starts nginx in front of servers on these ports and waits until it listens. */
	public static Nginx inFrontOf(String name, List<Integer> upstreamPorts) {
		int port = TestSocketUtils.findAvailableTcpPort();
		Path directory = writeConfiguration(name, port, upstreamPorts);
		try {
			Process process = new ProcessBuilder(EXECUTABLE.toString(), "-p", directory.toString(), "-c",
					directory.resolve("nginx.conf").toString(), "-e", directory.resolve("error.log").toString(), "-g",
					"daemon off;")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("nginx.out").toFile())
				.start();
			process.getOutputStream().close();
			Nginx nginx = new Nginx(directory, port, process);
			nginx.awaitListening();
			return nginx;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + EXECUTABLE, ex);
		}
	}

	/**
	 * What {@code nginx -t} says of the shipped configuration, rewritten for servers on
	 * these ports.
	 */
	public static ConfigurationCheck check(String name, List<Integer> upstreamPorts) {
		Path directory = writeConfiguration(name, TestSocketUtils.findAvailableTcpPort(), upstreamPorts);
		try {
			Process process = new ProcessBuilder(EXECUTABLE.toString(), "-t", "-p", directory.toString(), "-c",
					directory.resolve("nginx.conf").toString(), "-e", directory.resolve("error.log").toString())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("nginx -t did not end: " + output);
			}
			return new ConfigurationCheck(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The shipped configuration with its upstream's servers on these ports of this
	 * machine (each with the first shipped server's parameters) and listening on this
	 * port of the loopback interface.
	 */
	static String rewrite(String shipped, int listenPort, List<Integer> upstreamPorts) {
		Matcher upstream = UPSTREAM.matcher(shipped);
		if (!upstream.find()) {
			throw new IllegalStateException("No 'upstream stomp_chat { ... }' block in " + SHIPPED_CONFIGURATION);
		}
		String block = upstream.group(1);
		Matcher server = UPSTREAM_SERVER.matcher(block);
		if (!server.find()) {
			throw new IllegalStateException("No server in the upstream block of " + SHIPPED_CONFIGURATION);
		}
		String indent = server.group(1);
		String parameters = server.group(2);
		String servers = upstreamPorts.stream()
			.map((port) -> indent + "server 127.0.0.1:" + port + parameters + ";\n")
			.collect(Collectors.joining());
		String withoutServers = UPSTREAM_SERVER.matcher(block).replaceAll("");
		String rewrittenBlock = withoutServers.substring(0, server.start()) + servers
				+ withoutServers.substring(server.start());
		String rewritten = shipped.substring(0, upstream.start(1)) + rewrittenBlock
				+ shipped.substring(upstream.end(1));
		Matcher listen = LISTEN.matcher(rewritten);
		if (!listen.find()) {
			throw new IllegalStateException("No 'listen 8080;' in " + SHIPPED_CONFIGURATION);
		}
		return listen.replaceFirst("$1listen 127.0.0.1:" + listenPort + ";");
	}

	public int port() {
		return this.port;
	}

	/**
	 * @param path the path, starting with {@code /}
	 */
	public String httpUrl(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** The requests nginx has logged so far, in the order they ended. */
	public List<LoggedRequest> requests() {
		try {
			String log = Files.readString(this.directory.resolve("access.log"), StandardCharsets.UTF_8);
			// only whole lines: nginx may be writing the next one
			return log.substring(0, log.lastIndexOf('\n') + 1).lines().map(LoggedRequest::parse).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String errorLog() {
		try {
			return Files.readString(this.directory.resolve("error.log"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no error log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stops nginx (SIGTERM: it closes every connection at once) and waits until it has.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitListening() {
		try {
			await("nginx listening on " + this.port).atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("nginx ended with exit code " + this.process.exitValue() + ": "
								+ Files.readString(this.directory.resolve("nginx.out")) + errorLog());
					}
					return Ports.isOpen("127.0.0.1", this.port);
				});
		}
		catch (ConditionTimeoutException ex) {
			close();
			throw new IllegalStateException("nginx did not listen on " + this.port + ": " + errorLog(), ex);
		}
	}

	private static Path writeConfiguration(String name, int listenPort, List<Integer> upstreamPorts) {
		Path directory = ROOT.resolve(name).toAbsolutePath();
		try {
			deleteRecursively(directory);
			Files.createDirectories(directory.resolve("temp"));
			String shipped = Files.readString(SHIPPED_CONFIGURATION, StandardCharsets.UTF_8);
			Files.writeString(directory.resolve("stomp-chat.conf"), rewrite(shipped, listenPort, upstreamPorts),
					StandardCharsets.UTF_8);
			Files.writeString(directory.resolve("nginx.conf"), mainConfiguration(directory), StandardCharsets.UTF_8);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What nginx's own main file and the system's http block would otherwise give: here
	 * everything is in the test's directory.
	 */
	private static String mainConfiguration(Path directory) {
		return """
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log info;
				events {
					worker_connections 1024;
				}
				http {
					log_format upstreams '$request_method $request_uri $status $upstream_addr';
					access_log %1$s/access.log upstreams;
					client_body_temp_path %1$s/temp/client_body;
					proxy_temp_path %1$s/temp/proxy;
					fastcgi_temp_path %1$s/temp/fastcgi;
					uwsgi_temp_path %1$s/temp/uwsgi;
					scgi_temp_path %1$s/temp/scgi;
					include %1$s/stomp-chat.conf;
				}
				""".formatted(directory);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** What {@code nginx -t} answered. */
	public record ConfigurationCheck(int exitCode, String output) {
	}

	/**
	 * One line of the access log.
	 *
	 * @param path the path and query as the client sent them
	 * @param upstream the instance's {@code 127.0.0.1:port}; several, separated by
	 * commas, when nginx tried more than one; {@code -} when none was asked
	 */
	public record LoggedRequest(String method, String path, int status, String upstream) {

		static LoggedRequest parse(String line) {
			String[] fields = line.split(" ", 4);
			return new LoggedRequest(fields[0], fields[1], Integer.parseInt(fields[2]), fields[3]);
		}

		/** Whether the instance on this port answered (the last one nginx tried). */
		public boolean answeredBy(int port) {
			String[] tried = this.upstream.split(", ");
			return tried[tried.length - 1].equals("127.0.0.1:" + port);
		}

	}

	/**
	 * Skips tests, visibly, where nginx is not installed (or fails them with
	 * {@code -Dnginx.required=true}).
	 */
	public static final class Installed extends PrerequisiteExtension {

		public Installed() {
			super(REQUIRED_PROPERTY);
		}

		@Override
		@Nullable String missing() {
			if (isInstalled()) {
				return null;
			}
			return "Tests with nginx need " + EXECUTABLE + ": install it with 'apt-get install -y nginx' "
					+ "(the tests start nginx processes of their own; the service need not run)";
		}

	}

}
