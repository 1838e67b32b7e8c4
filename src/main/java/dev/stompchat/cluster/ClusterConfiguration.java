package dev.stompchat.cluster;

import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.rabbitmq.stream.Address;
import com.rabbitmq.stream.Environment;
import dev.stompchat.chat.RoomDelivery;
import dev.stompchat.core.ChatProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.EnvironmentBuilderCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Several instances on RabbitMQ streams ({@code chat.broker=rabbitmq}). The connection is
 * Spring Boot's stream environment, configured with {@code spring.rabbitmq.stream.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chat.broker", havingValue = "rabbitmq")
class ClusterConfiguration {

	/**
	 * Much shorter than the client's default of 60 s, so that a cut connection is
	 * noticed, and recovered, within seconds.
	 */
	private static final Duration CONNECTION_HEARTBEAT = Duration.ofSeconds(5);

	/**
	 * The broker tells clients to connect to the host name its node advertises, which is
	 * often not one they can resolve (a container's name, say): connect to the configured
	 * host and port whatever it advertises.
	 */
	@Bean
	EnvironmentBuilderCustomizer configuredStreamAddress(RabbitProperties rabbit) {
		Address configured = new Address(rabbit.getStream().getHost(), rabbit.getStream().getPort());
		return (builder) -> builder.addressResolver((advertised) -> configured)
			.requestedHeartbeat(CONNECTION_HEARTBEAT);
	}

	@Bean(destroyMethod = "shutdown")
	ClusterThreads clusterThreads() {
		return new ClusterThreads();
	}

	@Bean
	StreamLink streamLink(Environment rabbitStreamEnvironment, ChatProperties properties, JsonMapper json,
			ObjectProvider<StreamListener> listeners, ClusterThreads clusterThreads) {
		return new StreamLink(rabbitStreamEnvironment, new StreamNames(properties.rabbitmq()),
				properties.rabbitmq().retention(), newInstanceId(), json, listeners, clusterThreads.scheduler());
	}

	@Bean
	InstanceLiveness instanceLiveness(StreamLink link, ClusterThreads clusterThreads,
			ApplicationEventPublisher events) {
		return new InstanceLiveness(link, clusterThreads.scheduler(), events);
	}

	@Bean
	PartitionedRoomStream partitionedRoomStream(StreamLink link, InstanceLiveness liveness, RoomDelivery delivery) {
		return new PartitionedRoomStream(link, liveness, delivery);
	}

	@Bean
	ClusterNicknameClaims clusterNicknameClaims(StreamLink link, InstanceLiveness liveness) {
		return new ClusterNicknameClaims(link, liveness);
	}

	/** New at every start: a restarted instance is a new one to the others. */
	private static String newInstanceId() {
		UUID id = UUID.randomUUID();
		byte[] bytes = new byte[9];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (id.getLeastSignificantBits() >>> (8 * i));
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
