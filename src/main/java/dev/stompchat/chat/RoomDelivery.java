package dev.stompchat.chat;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.stompchat.core.RoomName;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

/**
 * The last step of every message to a room, taken in the room's order: feed the
 * {@link RoomMessageListener listeners} (presence first, then history), then publish to
 * the room's topic on this instance's broker, which fans it out to the subscribers here.
 */
@Component
public class RoomDelivery implements MeterBinder {

	private final SimpMessageSendingOperations broker;

	private final List<RoomMessageListener> listeners;

	private final LongAdder delivered = new LongAdder();

	RoomDelivery(SimpMessageSendingOperations broker, List<RoomMessageListener> listeners) {
		this.broker = broker;
		this.listeners = listeners;
	}

	public void deliver(ChatMessage message) {
		for (RoomMessageListener listener : this.listeners) {
			listener.onMessage(message);
		}
		this.broker.convertAndSend(RoomName.TOPIC_PREFIX + message.room(), message);
		this.delivered.increment();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("chat.messages", this.delivered, LongAdder::sum)
			.description("Messages broadcast to rooms: chat messages and presence announcements")
			.register(registry);
	}

}
