package dev.stompchat.messaging;

import dev.stompchat.admission.ConnectionLimiter;
import dev.stompchat.admission.DestinationGuard;
import dev.stompchat.admission.DisconnectedSessionGuard;
import dev.stompchat.admission.FrameRateLimiter;
import dev.stompchat.admission.FrameScreening;
import dev.stompchat.admission.SubscriptionLimit;
import dev.stompchat.core.SubscriptionReceipts;
import dev.stompchat.identity.NicknameInterceptor;
import dev.stompchat.presence.PresenceTracker;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ImmutableMessageChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * Everything an inbound frame passes before it reaches a controller or the broker, in
 * order, in one place: first the WebSocket decorators, which see raw messages, then the
 * interceptors of the client inbound channel, which see decoded STOMP frames.
 */
@Configuration(proxyBeanMethods = false)
class InboundChainConfiguration implements WebSocketMessageBrokerConfigurer {

	private final ConnectionLimiter connectionLimiter;

	private final FrameScreening frameScreening;

	private final DisconnectedSessionGuard disconnectedSessionGuard;

	private final NicknameInterceptor nicknameInterceptor;

	private final DestinationGuard destinationGuard;

	private final FrameRateLimiter frameRateLimiter;

	private final SubscriptionLimit subscriptionLimit;

	private final PresenceTracker presenceTracker;

	private final SubscriptionReceipts subscriptionReceipts;

	InboundChainConfiguration(ConnectionLimiter connectionLimiter, FrameScreening frameScreening,
			DisconnectedSessionGuard disconnectedSessionGuard, NicknameInterceptor nicknameInterceptor,
			DestinationGuard destinationGuard, FrameRateLimiter frameRateLimiter, SubscriptionLimit subscriptionLimit,
			PresenceTracker presenceTracker, SubscriptionReceipts subscriptionReceipts) {
		this.connectionLimiter = connectionLimiter;
		this.frameScreening = frameScreening;
		this.disconnectedSessionGuard = disconnectedSessionGuard;
		this.nicknameInterceptor = nicknameInterceptor;
		this.destinationGuard = destinationGuard;
		this.frameRateLimiter = frameRateLimiter;
		this.subscriptionLimit = subscriptionLimit;
		this.presenceTracker = presenceTracker;
		this.subscriptionReceipts = subscriptionReceipts;
	}

	/**
	 * Each factory wraps the handler built so far, so the last one listed is the
	 * outermost. The frame screening is outermost: it must see every message before
	 * Spring decodes it. The connection limiter is innermost, so that a connection's slot
	 * is released only once everything else has let go of it.
	 */
	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.addDecoratorFactory(this.connectionLimiter).addDecoratorFactory(this.frameScreening);
	}

	/**
	 * <ol>
	 * <li>Nothing after a DISCONNECT is looked at: the nickname is free by then.
	 * <li>CONNECT turns into a principal before anything asks who sent a frame.
	 * <li>Forbidden destinations end the connection before any budget is spent on them.
	 * <li>Rate limits come before the bound on held subscriptions, so a refused frame
	 * holds no subscription.
	 * <li>Presence and receipts act only once the broker has handled a frame that got
	 * this far.
	 * <li>The immutable interceptor goes last: it keeps headers mutable until then, so
	 * that the nickname interceptor can set the connection's principal.
	 * </ol>
	 */
	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.disconnectedSessionGuard, this.nicknameInterceptor, this.destinationGuard,
				this.frameRateLimiter, this.subscriptionLimit, this.presenceTracker, this.subscriptionReceipts,
				new ImmutableMessageChannelInterceptor());
	}

}
