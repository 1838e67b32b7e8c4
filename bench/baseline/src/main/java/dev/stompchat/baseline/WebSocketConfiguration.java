package dev.stompchat.baseline;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over plain WebSocket at {@code /ws}, Spring's simple broker for {@code /topic}
 * and {@code /queue}, and dot-separated destinations as in stomp-chat. Everything else is
 * Spring's default. Unlike stomp-chat, neither receive nor publish order is preserved
 * ({@code setPreserveReceiveOrder}, {@code setPreservePublishOrder}): a bare application
 * does not ask for it, and the benchmark does not check order.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	private final TaskScheduler messageBrokerTaskScheduler;

	WebSocketConfiguration(@Lazy TaskScheduler messageBrokerTaskScheduler) {
		this.messageBrokerTaskScheduler = messageBrokerTaskScheduler;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws");
	}

	/**
	 * The broker heart-beats only with a scheduler; given one, it heart-beats every 10 s
	 * both ways, as stomp-chat does by default.
	 */
	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.setApplicationDestinationPrefixes("/app");
		registry.setPathMatcher(new AntPathMatcher("."));
		registry.enableSimpleBroker("/topic", "/queue").setTaskScheduler(this.messageBrokerTaskScheduler);
	}

}
