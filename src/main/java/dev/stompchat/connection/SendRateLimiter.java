package dev.stompchat.connection;

import java.time.Duration;

import dev.stompchat.chat.ChatError;
import dev.stompchat.chat.ChatErrorCode;
import dev.stompchat.chat.ErrorQueue;
import dev.stompchat.system.ChatProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Limits how fast each connection may SEND, with a token bucket per connection. A SEND
 * over the limit is dropped and answered with {@code RATE_LIMITED} on the sender's error
 * queue; a connection refused {@code max-rejections} times within the rejection window
 * is closed with an ERROR frame that says so.
 */
@Component
public class SendRateLimiter implements ChannelInterceptor {

	private static final String ALLOWANCE_ATTRIBUTE = SendRateLimiter.class.getName() + ".allowance";

	private final ChatProperties.RateLimit limits;

	private final ErrorQueue errorQueue;

	private final ClientFrameSender frames;

	SendRateLimiter(ChatProperties properties, ErrorQueue errorQueue, ClientFrameSender frames) {
		this.limits = properties.rateLimit();
		this.errorQueue = errorQueue;
		this.frames = frames;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (accessor == null || accessor.getCommand() != StompCommand.SEND || accessor.getSessionAttributes() == null) {
			return message;
		}
		// kept with the connection, not in a map of this class: it goes when the connection
		// goes, and frames still queued when a closed connection is cleaned up find it cut off
		Allowance allowance = (Allowance) accessor.getSessionAttributes()
			.computeIfAbsent(ALLOWANCE_ATTRIBUTE, (name) -> newAllowance());
		if (allowance.isCutOff()) {
			// frames that were already queued when the connection was told it is closed
			return null;
		}
		if (allowance.sends().tryConsume(1)) {
			return message;
		}
		if (allowance.rejections().tryConsume(1)) {
			this.errorQueue.send(accessor.getSessionId(), new ChatError(ChatErrorCode.RATE_LIMITED,
					"Too many messages: at most " + this.limits.messagesPerSecond() + " a second (bursts of "
							+ this.limits.burst() + "). This one was not sent.",
					accessor.getDestination(), accessor.getReceipt()));
		}
		else {
			allowance.cutOff();
			this.frames.sendError(accessor.getSessionId(), "Closed for flooding: more than "
					+ this.limits.maxRejections() + " messages refused within " + format(this.limits.rejectionWindow())
					+ ".", accessor.getReceipt());
		}
		return null;
	}

	private Allowance newAllowance() {
		Bucket sends = Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limits.burst())
				.refillGreedy(this.limits.messagesPerSecond(), Duration.ofSeconds(1))
				.build())
			.build();
		Bucket rejections = Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limits.maxRejections())
				.refillGreedy(this.limits.maxRejections(), this.limits.rejectionWindow())
				.build())
			.build();
		return new Allowance(sends, rejections);
	}

	private static String format(Duration duration) {
		return duration.toSeconds() + " s";
	}

	private static final class Allowance {

		private final Bucket sends;

		private final Bucket rejections;

		private volatile boolean cutOff;

		Allowance(Bucket sends, Bucket rejections) {
			this.sends = sends;
			this.rejections = rejections;
		}

		Bucket sends() {
			return this.sends;
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
