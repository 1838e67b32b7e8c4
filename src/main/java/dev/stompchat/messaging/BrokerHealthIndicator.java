package dev.stompchat.messaging;

import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.stereotype.Component;

/**
 * Reports whether the message broker is available, as the {@code broker} component of
 * health and readiness.
 */
@Component
class BrokerHealthIndicator extends AbstractHealthIndicator {

	private final List<AbstractBrokerMessageHandler> brokers;

	/**
	 * Spring declares a bean for the simple broker and one for the broker relay, and only
	 * the one in use is not null; injecting a list skips the other.
	 */
	BrokerHealthIndicator(List<AbstractBrokerMessageHandler> brokers) {
		super("Message broker health check failed");
		this.brokers = brokers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (!this.brokers.isEmpty()
				&& this.brokers.stream().allMatch(AbstractBrokerMessageHandler::isBrokerAvailable)) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
