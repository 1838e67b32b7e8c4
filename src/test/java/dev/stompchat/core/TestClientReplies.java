package dev.stompchat.core;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessagingTemplate;

/**
 * A real {@link ClientReplies} for unit tests of other packages, whose constructor is the
 * core's own: ERROR frames and receipts go to {@code clientOutboundChannel}, errors on
 * the error queue through a template over {@code brokerChannel}.
 */
public final class TestClientReplies {

	private TestClientReplies() {
	}

	public static ClientReplies over(MessageChannel clientOutboundChannel, MessageChannel brokerChannel) {
		return new ClientReplies(clientOutboundChannel, new SimpMessagingTemplate(brokerChannel),
				new RefusalCounter(new SimpleMeterRegistry()), new RefusalLog());
	}

}
