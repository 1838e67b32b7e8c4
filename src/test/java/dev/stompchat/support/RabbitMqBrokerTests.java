package dev.stompchat.support;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RabbitMQ of the tests: one stream prefix per test class, the arguments that put an
 * instance on it, and streams found and deleted by their prefix.
 */
@ExtendWith(RabbitMq.class)
class RabbitMqBrokerTests {

	private static String prefixBeforeAll;

	@BeforeAll
	static void rememberThePrefix(RabbitMqBroker broker) {
		prefixBeforeAll = broker.streamPrefix();
	}

	@Test
	void everyTestOfAClassHasTheClasssPrefix(RabbitMqBroker broker) {
		assertThat(broker.streamPrefix()).isEqualTo(prefixBeforeAll).matches("test-rabbitmqbrokertests-[0-9a-f]{8}");
	}

	@Test
	void instanceArgumentsPutAnInstanceOnTheBrokerUnderThePrefix(RabbitMqBroker broker) {
		assertThat(broker.instanceArguments()).containsExactly("--chat.broker=rabbitmq",
				"--chat.rabbitmq.stream-prefix=" + broker.streamPrefix(), "--spring.rabbitmq.host=" + broker.host(),
				"--spring.rabbitmq.port=" + broker.amqpPort(), "--spring.rabbitmq.stream.host=" + broker.host(),
				"--spring.rabbitmq.stream.port=" + broker.streamPort());
	}

	@Test
	void streamsUnderThePrefixAreFoundAndDeleted(RabbitMqBroker broker) throws IOException, TimeoutException {
		String stream = broker.streamPrefix() + ".rooms.0";
		try (Connection connection = broker.connectionFactory().newConnection();
				Channel channel = connection.createChannel()) {
			channel.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream"));
		}

		assertThat(broker.queuesStartingWith(broker.streamPrefix())).containsExactly(stream);
		broker.deleteQueuesStartingWith(broker.streamPrefix());
		assertThat(broker.queuesStartingWith(broker.streamPrefix())).isEmpty();
	}

}
