package dev.stompchat.admission;

import java.time.Duration;

import dev.stompchat.core.ChatError;
import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.ClientReplies;
import dev.stompchat.core.ClosingRefusal;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Limits how fast each connection may SEND and, separately, SUBSCRIBE, with a token
 * bucket of each per connection. A frame over its limit is dropped and answered with
 * {@code RATE_LIMITED} on the sender's error queue; a connection refused
 * {@code max-rejections} times within the rejection window is closed with an ERROR frame
 * that says so.
 * <p>
 * Subscriptions have a budget of their own because one SUBSCRIBE to an application
 * destination, such as a room's history, can draw an answer far larger than itself; a
 * page's few subscriptions at connect never meet it, and they do not eat into what it may
 * send.
 */
@Component
public class FrameRateLimiter implements ChannelInterceptor {

	private static final String ALLOWANCE_ATTRIBUTE = FrameRateLimiter.class.getName() + ".allowance";

	private final ChatProperties.RateLimit limits;

	private final ClientReplies replies;

	FrameRateLimiter(ChatProperties properties, ClientReplies replies) {
		this.limits = properties.rateLimit();
		this.replies = replies;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getSessionAttributes() == null) {
			return message;
		}
		StompCommand command = accessor.getCommand();
		if (command != StompCommand.SEND && command != StompCommand.SUBSCRIBE) {
			return message;
		}
		// kept with the connection, not in a map of this class: it goes when the
		// connection goes, and frames still queued when a closed connection is cleaned up
		// find it cut off
		Allowance allowance = (Allowance) accessor.getSessionAttributes()
			.computeIfAbsent(ALLOWANCE_ATTRIBUTE, (name) -> newAllowance());
		if (allowance.isCutOff()) {
			// frames that were already queued when the connection was told it is closed
			return null;
		}
		Bucket budget = (command == StompCommand.SEND) ? allowance.sends() : allowance.subscriptions();
		if (budget.tryConsume(1)) {
			return message;
		}
		if (allowance.rejections().tryConsume(1)) {
			this.replies.refuse(accessor.getSessionId(), new ChatError(ChatErrorCode.RATE_LIMITED,
					describeLimit(command), accessor.getDestination(), accessor.getReceipt()));
		}
		else {
			allowance.cutOff();
			this.replies.refuseAndClose(accessor.getSessionId(), ClosingRefusal.FLOODING,
					"Closed for flooding: more than " + this.limits.maxRejections() + " frames refused within "
							+ format(this.limits.rejectionWindow()) + ".",
					accessor.getReceipt());
		}
		return null;
	}

	private String describeLimit(StompCommand command) {
		if (command == StompCommand.SEND) {
			return "Too many messages: at most " + this.limits.messagesPerSecond() + " a second (bursts of "
					+ this.limits.burst() + "). This one was not sent.";
		}
		return "Too many subscriptions: at most " + this.limits.subscriptionsPerSecond() + " a second (bursts of "
				+ this.limits.subscriptionBurst() + "). This one was not made.";
	}

	private Allowance newAllowance() {
		return new Allowance(bucket(this.limits.burst(), this.limits.messagesPerSecond(), Duration.ofSeconds(1)),
				bucket(this.limits.subscriptionBurst(), this.limits.subscriptionsPerSecond(), Duration.ofSeconds(1)),
				bucket(this.limits.maxRejections(), this.limits.maxRejections(), this.limits.rejectionWindow()));
	}

	private static Bucket bucket(int capacity, int refill, Duration period) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build())
			.build();
	}

	private static String format(Duration duration) {
		return duration.toSeconds() + " s";
	}

	private static final class Allowance {

		private final Bucket sends;

		private final Bucket subscriptions;

		private final Bucket rejections;

		private volatile boolean cutOff;

		Allowance(Bucket sends, Bucket subscriptions, Bucket rejections) {
			this.sends = sends;
			this.subscriptions = subscriptions;
			this.rejections = rejections;
		}

		Bucket sends() {
			return this.sends;
		}

		Bucket subscriptions() {
			return this.subscriptions;
		}

		Bucket rejections() {
			return this.rejections;
		}

		boolean isCutOff() {
			return this.cutOff;
		}

		void cutOff() {
			this.cutOff = true;
		}

	}

}
