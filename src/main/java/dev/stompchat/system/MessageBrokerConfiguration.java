package dev.stompchat.system;

import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.user.UserDestinationResolver;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

/**
 * What {@code @EnableWebSocketMessageBroker} would import, except that every session is
 * wrapped in a {@link FlushBeforeCloseSessionDecorator}, that text messages are taken in
 * pieces (so that Tomcat needs no buffer the size of a frame) and that the broker's
 * frames are counted by the {@link OutboundBacklog}. Everything else is configured in
 * {@link WebSocketConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class MessageBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final OutboundBacklog outboundBacklog;

	private final int frameLimit;

	MessageBrokerConfiguration(OutboundBacklog outboundBacklog, ChatProperties properties) {
		this.outboundBacklog = outboundBacklog;
		this.frameLimit = properties.frameLimit();
	}

	@Bean
	@Override
	public WebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
			AbstractSubscribableChannel clientOutboundChannel) {
		SubProtocolWebSocketHandler handler = new SubProtocolWebSocketHandler(clientInboundChannel,
				clientOutboundChannel) {

			@Override
			protected WebSocketSession decorateSession(WebSocketSession session) {
				limitBlockingWrites(session, getSendTimeLimit());
				return new FlushBeforeCloseSessionDecorator(session, getSendTimeLimit(), getSendBufferSizeLimit());
			}

			/**
			 * Pieces of a long text message are decoded like the parts of a frame that
			 * arrive in several messages: the STOMP decoder buffers them and enforces the
			 * frame limit, so a frame above it gets an ERROR frame.
			 */
			@Override
			public boolean supportsPartialMessages() {
				return true;
			}

			/**
			 * Spring's STOMP handler raises the container's text buffer to a whole frame
			 * (16 KiB and a little) when the session starts, which Tomcat then reserves
			 * until the connection ends. A plain WebSocket session takes text in pieces,
			 * so it goes back to the small buffer before its first message is read. SockJS
			 * hands over whole messages only, so a SockJS session over WebSocket needs a
			 * buffer that takes a whole frame, however large the frame limit is.
			 */
			@Override
			public void afterConnectionEstablished(WebSocketSession session) throws Exception {
				super.afterConnectionEstablished(session);
				if (!session.isOpen()) {
					return;
				}
				if (session instanceof SockJsSession) {
					int frameLimit = MessageBrokerConfiguration.this.frameLimit;
					if (session.getTextMessageSizeLimit() < frameLimit) {
						session.setTextMessageSizeLimit(frameLimit);
					}
				}
				else {
					session.setTextMessageSizeLimit(WebSocketConfiguration.TEXT_MESSAGE_BUFFER_CHARS);
				}
			}

		};
		handler.setPhase(getPhase());
		return handler;
	}

	/**
	 * Spring checks the send-time limit when it next sends to a session, from another
	 * thread; a thread blocked writing to a client that stopped reading stays blocked until
	 * Tomcat's own blocking-write timeout, 20 s by default. Enough such clients would hold
	 * every outbound thread, and nobody would receive anything meanwhile, so Tomcat's
	 * timeout is set to the send-time limit as well.
	 */
	private static void limitBlockingWrites(WebSocketSession session, int sendTimeLimit) {
		Session webSocket = (session instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(Session.class) : null;
		if (webSocket != null) {
			webSocket.getUserProperties().put(BLOCKING_SEND_TIMEOUT, (long) sendTimeLimit);
		}
	}

	/** The broker as Spring configures it, with frames counted by the {@link OutboundBacklog}. */
	@Bean
	@Override
	public @Nullable AbstractBrokerMessageHandler simpleBrokerMessageHandler(
			AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel,
			AbstractSubscribableChannel brokerChannel, UserDestinationResolver userDestinationResolver) {
		AbstractBrokerMessageHandler handler = super.simpleBrokerMessageHandler(clientInboundChannel,
				clientOutboundChannel, brokerChannel, userDestinationResolver);
		if (handler instanceof SimpleBrokerMessageHandler broker) {
			broker.setHeaderInitializer(this.outboundBacklog);
		}
		return handler;
	}

}
