package dev.stompchat.messaging;

import java.util.concurrent.atomic.AtomicLong;

import dev.stompchat.chat.Overload;
import dev.stompchat.core.ChatProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderInitializer;
import org.springframework.stereotype.Component;

/**
 * How many frames the broker has made for connections that are not yet written to them:
 * the server's outbound backlog, and whether it is full.
 * <p>
 * The outbound executor's queue alone would undercount it. With publish order preserved,
 * Spring holds each connection's frames in a queue of that connection and puts only one
 * of them at a time on the executor, so under overload the executor's queue holds at most
 * one frame per connection while the rest wait in the connections' own queues. The
 * backlog is therefore counted where it starts and ends: the broker initializes the
 * headers of every frame it makes for a connection here (MESSAGE and heart-beat), which
 * marks and counts it, and a marked frame is taken off once the outbound channel has
 * handled it, that is, written it or handed it to the connection's send buffer.
 * <p>
 * A frame the broker makes for a connection that closes at that very moment is never
 * sent, so it would stay counted. The count is therefore read as zero, and set to zero,
 * whenever the outbound channel has nothing on its executor: Spring keeps one frame of
 * every connection with queued frames on the executor, so an idle executor means that no
 * connection has any. At that instant the count may miss a frame that is on its way to
 * the executor, which errs on the side of accepting, and is set right again at the next
 * idle moment.
 * <p>
 * Frames a connection cannot take are not counted for long: they move to its send buffer,
 * where {@code chat.send-time-limit} and {@code chat.send-buffer-size-limit} cut it off,
 * so a stalled client cannot keep the backlog full.
 */
@Component
class OutboundBacklog implements Overload, MessageHeaderInitializer, ExecutorChannelInterceptor, MeterBinder {

	private static final String COUNTED_HEADER = OutboundBacklog.class.getName() + ".counted";

	private final long maxFrames;

	private final AtomicLong frames = new AtomicLong();

	// frames sent to the outbound channel and not yet handled by it, counted or not
	private final AtomicLong onExecutor = new AtomicLong();

	OutboundBacklog(ChatProperties properties) {
		this.maxFrames = properties.overload().maxOutboundBacklog();
	}

	/** Frames made for connections and not yet written to them. */
	public long frames() {
		if (this.onExecutor.get() == 0) {
			this.frames.set(0);
		}
		return Math.max(0, this.frames.get());
	}

	/** Whether the backlog is past {@code chat.overload.max-outbound-backlog}. */
	@Override
	public boolean isOverloaded() {
		return frames() > this.maxFrames;
	}

	@Override
	public void initHeaders(MessageHeaderAccessor headerAccessor) {
		headerAccessor.setHeader(COUNTED_HEADER, Boolean.TRUE);
		this.frames.incrementAndGet();
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		this.onExecutor.incrementAndGet();
		return message;
	}

	@Override
	public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
		if (!sent) {
			handled(message);
		}
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception ex) {
		handled(message);
	}

	private void handled(Message<?> message) {
		if (message.getHeaders().containsKey(COUNTED_HEADER)) {
			this.frames.decrementAndGet();
		}
		this.onExecutor.decrementAndGet();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.outbound.backlog", this, OutboundBacklog::frames)
			.description("Frames made for connections and not yet written to them")
			.baseUnit("frames")
			.register(registry);
	}

}
