package dev.stompchat.messaging;

import dev.stompchat.core.ChatProperties;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.user.UserDestinationResolver;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.IdTimestampMessageHeaderInitializer;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;

/**
 * What {@code @EnableWebSocketMessageBroker} would import, except that sessions are
 * handled by the {@link ChatWebSocketHandler}, whose {@link Outbox outboxes} the outbound
 * executor writes, so that the outbound channel hands messages on without an executor of
 * its own. Everything else is configured in {@link WebSocketConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class MessageBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

	static final String USER_DESTINATION_PREFIX = "/user";

	private final Outboxes outboxes;

	private final OutboundBacklog outboundBacklog;

	private final InboundWait inboundWait;

	private final int frameLimit;

	MessageBrokerConfiguration(Outboxes outboxes, OutboundBacklog outboundBacklog, InboundWait inboundWait,
			ChatProperties properties) {
		this.outboxes = outboxes;
		this.outboundBacklog = outboundBacklog;
		this.inboundWait = inboundWait;
		this.frameLimit = properties.frameLimit();
	}

	/**
	 * Declared as the {@link ChatWebSocketHandler} it is, so that the
	 * {@link DrainingShutdown} can be given it.
	 */
	@Bean
	@Override
	public ChatWebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
			AbstractSubscribableChannel clientOutboundChannel) {
		ChatWebSocketHandler handler = new ChatWebSocketHandler(clientInboundChannel, clientOutboundChannel,
				this.outboxes, this.outboundBacklog, this.inboundWait, this.frameLimit,
				WebSocketConfiguration.TEXT_MESSAGE_BUFFER_CHARS);
		handler.setPhase(getPhase());
		return handler;
	}

	/**
	 * The outbound channel as Spring configures it, with its interceptors, but without
	 * the executor: a message sent to it goes straight to its session's {@link Outbox},
	 * on the sending thread, and the executor writes the outboxes. Spring's channel would
	 * hand every subscriber's copy of a broadcast to the executor as a task of its own,
	 * and keep each session's order with a queue of its own on top.
	 */
	@Bean
	@Override
	public AbstractSubscribableChannel clientOutboundChannel(
			@Qualifier("clientOutboundChannelExecutor") Executor executor) {
		AbstractSubscribableChannel configured = super.clientOutboundChannel(executor);
		ExecutorSubscribableChannel channel = new ExecutorSubscribableChannel();
		channel.setLogger(configured.getLogger());
		channel.setInterceptors(configured.getInterceptors());
		return channel;
	}

	/**
	 * The broker as Spring configures it, as a {@link FanOutBroker}: Spring makes its
	 * simple broker itself, with no way to choose its class, so its settings are carried
	 * over to this one. The messages it still makes per subscriber (user destinations)
	 * get no id of their own: nothing reads it, and it was a random UUID per copy.
	 */
	@Bean
	@Override
	public @Nullable AbstractBrokerMessageHandler simpleBrokerMessageHandler(
			AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel,
			AbstractSubscribableChannel brokerChannel, UserDestinationResolver userDestinationResolver) {
		if (!(super.simpleBrokerMessageHandler(clientInboundChannel, clientOutboundChannel, brokerChannel,
				userDestinationResolver) instanceof SimpleBrokerMessageHandler configured)) {
			throw new IllegalStateException("The simple broker is not enabled");
		}
		FanOutBroker broker = new FanOutBroker(clientInboundChannel, clientOutboundChannel, brokerChannel,
				configured.getDestinationPrefixes(), this.outboxes);
		broker.setSubscriptionRegistry(configured.getSubscriptionRegistry());
		broker.setTaskScheduler(configured.getTaskScheduler());
		broker.setHeartbeatValue(configured.getHeartbeatValue());
		broker.setPreservePublishOrder(configured.isPreservePublishOrder());
		broker.setUserDestinationPredicate((destination) -> destination.startsWith(USER_DESTINATION_PREFIX));
		broker.setPhase(configured.getPhase());
		IdTimestampMessageHeaderInitializer withoutIds = new IdTimestampMessageHeaderInitializer();
		withoutIds.setDisableIdGeneration();
		broker.setHeaderInitializer(withoutIds);
		return broker;
	}

	/**
	 * The broker's scheduler as Spring configures it, except that it keeps taking tasks
	 * once the context starts closing, until it is destroyed. Spring would shut it down
	 * before any lifecycle stops, and through the {@link DrainingShutdown}'s drain and
	 * closes heart-beats would stop while the connect timeout and presence's leave grace
	 * failed.
	 */
	@Bean(name = { "messageBrokerTaskScheduler", "messageBrokerSockJsTaskScheduler" })
	@Override
	public TaskScheduler messageBrokerTaskScheduler() {
		TaskScheduler scheduler = super.messageBrokerTaskScheduler();
		if (scheduler instanceof ThreadPoolTaskScheduler pool) {
			pool.setAcceptTasksAfterContextClose(true);
		}
		return scheduler;
	}

	/**
	 * The inbound executor as Spring configures it, whose queue the {@link InboundWait}
	 * watches.
	 */
	@Bean
	@Override
	public Executor clientInboundChannelExecutor() {
		Executor executor = super.clientInboundChannelExecutor();
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			this.inboundWait.watch(pool);
		}
		return executor;
	}

	/**
	 * The outbound executor as Spring configures it, given to the {@link OutboundBacklog}
	 * to write the outboxes with, except that, like the broker's scheduler, it keeps
	 * taking tasks once the context starts closing: the {@link DrainingShutdown}'s closes
	 * go through the outboxes.
	 */
	@Bean
	@Override
	public Executor clientOutboundChannelExecutor() {
		Executor executor = super.clientOutboundChannelExecutor();
		int threads = Runtime.getRuntime().availableProcessors() * 2;
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			pool.setAcceptTasksAfterContextClose(true);
			threads = pool.getCorePoolSize();
		}
		this.outboundBacklog.writeWith(executor, threads);
		return executor;
	}

}
