package dev.stompchat.messaging;

import java.time.Clock;

import dev.stompchat.admission.ClientErrorHandler;
import dev.stompchat.admission.ConnectionLimiter;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.identity.NicknameTokenInterceptor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP over WebSocket ({@code /ws}) and SockJS ({@code /sockjs}), with Spring's simple
 * broker for {@code /topic} and {@code /queue}, dot-separated destinations, heart-beats,
 * per-connection limits and the outbound channel's interceptors; the inbound chain is
 * declared in {@link InboundChainConfiguration}. Each session's frames keep the order
 * they were sent in through its {@link Outbox}, so the broker needs no ordering of its
 * own ({@code setPreservePublishOrder}).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

	private static final String SOCKJS_CLIENT_LIBRARY = "/webjars/sockjs-client/dist/sockjs.min.js";

	static final int TEXT_MESSAGE_BUFFER_CHARS = 1024;

	static final int BINARY_MESSAGE_BUFFER_BYTES = 1024;

	private final ChatProperties properties;

	private final NicknameTokenInterceptor nicknameTokenInterceptor;

	private final ClientErrorHandler errorHandler;

	private final ConnectionLimiter connectionLimiter;

	private final TaskScheduler brokerScheduler;

	WebSocketConfiguration(ChatProperties properties, NicknameTokenInterceptor nicknameTokenInterceptor,
			ClientErrorHandler errorHandler, ConnectionLimiter connectionLimiter,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler) {
		this.properties = properties;
		this.nicknameTokenInterceptor = nicknameTokenInterceptor;
		this.errorHandler = errorHandler;
		this.connectionLimiter = connectionLimiter;
		this.brokerScheduler = brokerScheduler;
	}

	/**
	 * Both endpoints accept the page's own origin plus {@code chat.allowed-origins}.
	 * Spring turns SockJS's iframe transports off (404 for {@code iframe.html}) as soon
	 * as any other origin is allowed, since an origin cannot be checked from inside the
	 * iframe.
	 */
	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		String[] allowedOrigins = this.properties.allowedOrigins().toArray(String[]::new);
		registry.addEndpoint("/ws")
			.setAllowedOrigins(allowedOrigins)
			.addInterceptors(this.connectionLimiter, ConnectionHandshake.PLAIN_WEBSOCKET);
		// SockJS's iframe transports load the client library into their iframe: serve it
		// from the application rather than from a CDN.
		registry.addEndpoint("/sockjs")
			.setAllowedOrigins(allowedOrigins)
			.addInterceptors(this.connectionLimiter, ConnectionHandshake.SOCKJS)
			.withSockJS()
			.setClientLibraryUrl(SOCKJS_CLIENT_LIBRARY);
		registry.setErrorHandler(this.errorHandler);
		registry.setPreserveReceiveOrder(true);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		long heartbeat = this.properties.heartbeat().toMillis();
		registry.setApplicationDestinationPrefixes("/app");
		registry.setUserDestinationPrefix(MessageBrokerConfiguration.USER_DESTINATION_PREFIX);
		registry.setPathMatcher(new AntPathMatcher("."));
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(new long[] { heartbeat, heartbeat })
			.setTaskScheduler(this.brokerScheduler);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.nicknameTokenInterceptor);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(this.properties.frameLimit())
			.setSendTimeLimit((int) this.properties.sendTimeLimit().toMillis())
			.setSendBufferSizeLimit((int) this.properties.sendBufferSizeLimit().toBytes());
	}

	/**
	 * Tomcat reserves both buffers for every connection, for as long as it is open. Text
	 * is handed to STOMP in pieces of at most the text buffer (see
	 * {@link MessageBrokerConfiguration}), and the STOMP decoder enforces the frame
	 * limit, so 1 Ki characters suffice: a typical frame arrives in one piece, a longer
	 * one in several (Java's UTF-8 decoder never splits a surrogate pair between two
	 * pieces). SockJS sessions get a buffer of a whole frame instead, since SockJS takes
	 * whole messages only. Binary messages are refused anyway ({@code FrameScreening}
	 * closes the connection with 1003 and a reason), so their buffer only needs to take a
	 * short one whole, such as a STOMP frame sent as binary by mistake; a longer one is
	 * closed by the container with 1009 (too big) instead.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(TEXT_MESSAGE_BUFFER_CHARS);
		container.setMaxBinaryMessageBufferSize(BINARY_MESSAGE_BUFFER_BYTES);
		return container;
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
