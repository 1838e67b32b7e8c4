package dev.stompchat.cluster;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The cluster's own two threads, for heart-beats, retries and waits. Kept in a bean of
 * this type rather than as a scheduler bean: in {@code rabbitmq} mode a scheduler bean
 * would be the only task executor Spring Boot finds, and Boot would then run the STOMP
 * channels on it, and shut them down with it before the connections are closed.
 */
final class ClusterThreads {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	ClusterThreads() {
		this.scheduler.setThreadNamePrefix("cluster-");
		this.scheduler.setPoolSize(2);
		this.scheduler.initialize();
	}

	ThreadPoolTaskScheduler scheduler() {
		return this.scheduler;
	}

	void shutdown() {
		this.scheduler.shutdown();
	}

}
