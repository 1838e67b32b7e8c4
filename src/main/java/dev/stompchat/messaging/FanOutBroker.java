package dev.stompchat.messaging;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.util.MultiValueMap;

/**
 * Spring's simple broker, which keeps the subscriptions and finds each message's
 * subscribers as ever, except for how a room's broadcast reaches them: its frame is
 * written once per distinct subscription id ({@link BroadcastFrames}) and goes straight
 * to each subscriber's {@link Outbox}. Spring's broker builds a message with headers of
 * its own for every subscriber and sends each through the outbound channel, which for a
 * room of 1000 is 1000 header maps, interceptor chains and handler calls per message.
 * <p>
 * Everything else (user destinations, heart-beats, CONNECTED, DISCONNECT and messages
 * with native headers of their own) is Spring's. One consequence: the broker does not see
 * these writes, so it sends its heart-beat to a busy subscriber too, once per heart-beat
 * interval, which costs nothing that matters and tells the client nothing wrong.
 */
class FanOutBroker extends SimpleBrokerMessageHandler {

	private final BroadcastFrames frames = new BroadcastFrames();

	private final Outboxes outboxes;

	FanOutBroker(SubscribableChannel clientInboundChannel, MessageChannel clientOutboundChannel,
			SubscribableChannel brokerChannel, Collection<String> destinationPrefixes, Outboxes outboxes) {
		super(clientInboundChannel, clientOutboundChannel, brokerChannel, destinationPrefixes);
		this.outboxes = outboxes;
	}

	@Override
	protected void sendMessageToSubscribers(@Nullable String destination, Message<?> message) {
		BroadcastFrames.Broadcast broadcast = this.frames.broadcastOf(message);
		if (broadcast == null) {
			super.sendMessageToSubscribers(destination, message);
			return;
		}
		MultiValueMap<String, String> subscriptions = getSubscriptionRegistry().findSubscriptions(message);
		subscriptions.forEach((sessionId, subscriptionIds) -> deliver(broadcast, sessionId, subscriptionIds));
	}

	private void deliver(BroadcastFrames.Broadcast broadcast, String sessionId, List<String> subscriptionIds) {
		for (String subscriptionId : subscriptionIds) {
			this.outboxes.offerFrame(sessionId, broadcast.frameFor(subscriptionId));
		}
	}

}
