package dev.stompchat.server;

import dev.stompchat.core.ChatProperties;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Lets Tomcat accept more connections than {@code chat.max-connections}. Tomcat stops
 * accepting at 8192 by default, silently: the connection waits in the backlog. Sized
 * above stomp-chat's own limit, with room for page and probe requests, it is stomp-chat
 * that refuses the connection past its limit, with a 503 that says why. A larger
 * {@code server.tomcat.max-connections} is kept.
 */
@Component
class TomcatConnectionCapacity implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	static final int HEADROOM = 1000;

	private final int needed;

	TomcatConnectionCapacity(ChatProperties properties) {
		this.needed = properties.maxConnections() + HEADROOM;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers((connector) -> {
			if (!(connector.getProperty("maxConnections") instanceof Integer current) || current < this.needed) {
				connector.setProperty("maxConnections", Integer.toString(this.needed));
			}
		});
	}

	/** After Spring Boot's own customizer, which applies {@code server.tomcat.*}. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
