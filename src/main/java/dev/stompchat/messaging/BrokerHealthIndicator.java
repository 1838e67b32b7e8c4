package dev.stompchat.messaging;

import java.util.List;

import dev.stompchat.chat.RoomStream;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Reports whether the message brokers are available, as the {@code broker} component of
 * health and readiness: this instance's broker, which fans out to its clients, and the
 * {@link RoomStream} (with {@code chat.broker=rabbitmq}, RabbitMQ).
 */
@Component
class BrokerHealthIndicator extends AbstractHealthIndicator {

	private final List<AbstractBrokerMessageHandler> brokers;

	private final RoomStream stream;

	/**
	 * Spring declares a bean for the simple broker and one for the broker relay, and only
	 * the one in use is not null; injecting a list skips the other.
	 */
	BrokerHealthIndicator(List<AbstractBrokerMessageHandler> brokers, RoomStream stream) {
		super("Message broker health check failed");
		this.brokers = brokers;
		this.stream = stream;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (!this.brokers.isEmpty() && this.brokers.stream().allMatch(AbstractBrokerMessageHandler::isBrokerAvailable)
				&& this.stream.isAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
