package dev.stompchat.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * The RabbitMQ node the tests use, with a stream prefix of the test class's own, so that
 * classes neither see nor disturb each other's streams. Given to tests by
 * {@link RabbitMq}. {@code rabbitmqctl} needs to run as root (or as the {@code rabbitmq}
 * user) on the node's machine.
 */
public final class RabbitMqBroker {

	private static final Duration RABBITMQCTL_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Path RABBITMQCTL = Files.isExecutable(Path.of("/usr/sbin/rabbitmqctl"))
			? Path.of("/usr/sbin/rabbitmqctl") : Path.of("rabbitmqctl");

	private final String host;

	private final int amqpPort;

	private final int streamPort;

	private final String streamPrefix;

	private RabbitMqBroker(String host, int amqpPort, int streamPort, String streamPrefix) {
		this.host = host;
		this.amqpPort = amqpPort;
		this.streamPort = streamPort;
		this.streamPrefix = streamPrefix;
	}

	/** The node the system properties name, or localhost, with this stream prefix. */
	static RabbitMqBroker local(String streamPrefix) {
		return new RabbitMqBroker(System.getProperty("spring.rabbitmq.host", "localhost"),
				Integer.getInteger("spring.rabbitmq.port", 5672),
				Integer.getInteger("spring.rabbitmq.stream.port", 5552), streamPrefix);
	}

	/**
	 * The local node with a prefix made of the class's name and a random part, such as
	 * {@code test-clustertests-3f9a2c1b}: unique to one run of one class.
	 */
	static RabbitMqBroker withUniquePrefix(String testClassName) {
		String random = UUID.randomUUID().toString().substring(0, 8);
		return local("test-" + testClassName.toLowerCase(Locale.ROOT) + "-" + random);
	}

	public String host() {
		return this.host;
	}

	public int amqpPort() {
		return this.amqpPort;
	}

	public int streamPort() {
		return this.streamPort;
	}

	/** The test class's own {@code chat.rabbitmq.stream-prefix}. */
	public String streamPrefix() {
		return this.streamPrefix;
	}

	/**
	 * The arguments that run an instance with {@code chat.broker=rabbitmq} on this node
	 * and under this class's stream prefix, for {@link ChatInstance.Options#arguments}.
	 */
	public List<String> instanceArguments() {
		return List.of("--chat.broker=rabbitmq", "--chat.rabbitmq.stream-prefix=" + this.streamPrefix,
				"--spring.rabbitmq.host=" + this.host, "--spring.rabbitmq.port=" + this.amqpPort,
				"--spring.rabbitmq.stream.host=" + this.host, "--spring.rabbitmq.stream.port=" + this.streamPort);
	}

	/**
	 * Stops the RabbitMQ application, leaving its Erlang node up, as in an outage of the
	 * broker: its ports close and every client is disconnected.
	 */
	public void stopApp() {
		rabbitmqctl("stop_app");
		await("RabbitMQ's ports closed").atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !Ports.isOpen(this.host, this.amqpPort) && !Ports.isOpen(this.host, this.streamPort));
	}

	/** Starts the application {@link #stopApp()} stopped and waits for its ports. */
	public void startApp() {
		rabbitmqctl("start_app");
		await("RabbitMQ's AMQP and stream ports").atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> Ports.isOpen(this.host, this.amqpPort) && Ports.isOpen(this.host, this.streamPort));
	}

	/**
	 * Runs {@code rabbitmqctl} with these arguments and returns what it printed.
	 * @throws IllegalStateException when it fails, with its output
	 */
	public String rabbitmqctl(String... arguments) {
		List<String> command = new ArrayList<>(List.of(RABBITMQCTL.toString()));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(RABBITMQCTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not end within "
						+ RABBITMQCTL_TIMEOUT.toSeconds() + " s: " + output);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
						+ process.exitValue() + " (it must run as root or as rabbitmq): " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The names of the queues, streams included, that start with the prefix. */
	public List<String> queuesStartingWith(String prefix) {
		return namesStartingWith("list_queues", prefix);
	}

	/** Deletes the queues, streams included, that start with the prefix. */
	public void deleteQueuesStartingWith(String prefix) {
		if (prefix.isEmpty()) {
			throw new IllegalArgumentException("An empty prefix would delete every queue");
		}
		List<String> queues = queuesStartingWith(prefix);
		List<String> exchanges = namesStartingWith("list_exchanges", prefix);
		if (queues.isEmpty() && exchanges.isEmpty()) {
			return;
		}
		try (Connection connection = connectionFactory().newConnection("stomp-chat tests");
				Channel channel = connection.createChannel()) {
			for (String queue : queues) {
				channel.queueDelete(queue);
			}
			// super streams route through an exchange of their name
			for (String exchange : exchanges) {
				channel.exchangeDelete(exchange);
			}
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not delete " + queues + " and " + exchanges, ex);
		}
	}

	/**
	 * Deletes what this class's instances made under its stream prefix. Done by
	 * {@link RabbitMq} after the class; a failure is reported, not thrown, since the
	 * prefix is never used again.
	 */
	void deleteStreams() {
		try {
			deleteQueuesStartingWith(this.streamPrefix);
		}
		catch (RuntimeException ex) {
			System.err.println("Could not delete the streams under " + this.streamPrefix + ": " + ex.getMessage());
		}
	}

	/** An AMQP connection factory for this node, as guest unless the properties say. */
	public ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.host);
		factory.setPort(this.amqpPort);
		factory.setUsername(System.getProperty("spring.rabbitmq.username", "guest"));
		factory.setPassword(System.getProperty("spring.rabbitmq.password", "guest"));
		return factory;
	}

	private List<String> namesStartingWith(String listCommand, String prefix) {
		return rabbitmqctl("--silent", listCommand, "name").lines()
			.map(String::strip)
			.filter((name) -> name.startsWith(prefix))
			.toList();
	}

}
