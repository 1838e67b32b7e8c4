package dev.stompchat.connection;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Puts {@link FrameScreening} in front of Spring's STOMP handling on every endpoint.
 */
@Configuration(proxyBeanMethods = false)
class FrameScreeningRegistration implements WebSocketMessageBrokerConfigurer {

	private final FrameScreening screening;

	FrameScreeningRegistration(FrameScreening screening) {
		this.screening = screening;
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.screening);
	}

}
