package dev.stompchat.support;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * For tests that need RabbitMQ with its stream plugin: skips them, visibly, when its AMQP
 * or stream port is not reachable (or fails them with {@code -Drabbitmq.required=true}).
 * Each test class gets a {@link RabbitMqBroker} with a stream prefix of its own as a
 * parameter of its {@code @BeforeAll} methods, tests or constructor; the streams and
 * queues under that prefix are deleted after the class.
 * <p>
 * The node is {@code spring.rabbitmq.host} (localhost), with the AMQP port
 * {@code spring.rabbitmq.port} (5672) and the stream port
 * {@code spring.rabbitmq.stream.port} (5552), as system properties.
 */
public final class RabbitMq extends PrerequisiteExtension implements ParameterResolver, AfterAllCallback {

	public static final String REQUIRED_PROPERTY = "rabbitmq.required";

	static final String START_HINT = "start one with 'apt-get install -y rabbitmq-server', "
			+ "'rabbitmq-plugins --offline enable rabbitmq_stream' and 'rabbitmq-server -detached' (as root)";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RabbitMq.class);

	public RabbitMq() {
		super(REQUIRED_PROPERTY);
	}

	@Override
	@Nullable String missing() {
		RabbitMqBroker node = RabbitMqBroker.local("");
		List<String> unreachable = new ArrayList<>();
		for (int port : new int[] { node.amqpPort(), node.streamPort() }) {
			if (!Ports.isOpen(node.host(), port)) {
				unreachable.add(node.host() + ":" + port);
			}
		}
		if (unreachable.isEmpty()) {
			return null;
		}
		return "Tests with RabbitMQ need its AMQP port " + node.host() + ":" + node.amqpPort() + " and its stream port "
				+ node.host() + ":" + node.streamPort() + " (not reachable: " + String.join(", ", unreachable) + "): "
				+ START_HINT;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RabbitMqBroker.class;
	}

	@Override
	public RabbitMqBroker resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return brokerOf(extensionContext);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		RabbitMqBroker broker = context.getStore(NAMESPACE).remove(RabbitMqBroker.class, RabbitMqBroker.class);
		if (broker != null) {
			broker.deleteStreams();
		}
	}

	/**
	 * One broker, and so one prefix, per test class: kept in the class's store, which the
	 * stores of its tests see.
	 */
	private static RabbitMqBroker brokerOf(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
			classContext = classContext.getParent().get();
		}
		String className = classContext.getRequiredTestClass().getSimpleName();
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(RabbitMqBroker.class, (key) -> RabbitMqBroker.withUniquePrefix(className),
					RabbitMqBroker.class);
	}

}
