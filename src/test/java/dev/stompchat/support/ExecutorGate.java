package dev.stompchat.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds every thread of one of the server's executors, so that frames wait as long as a
 * test needs, and lets them go on once released. Held, the outbound executor writes
 * nothing, while the server still takes and broadcasts messages; the inbound executor
 * handles no frame, while the server still reads and stamps them.
 */
public final class ExecutorGate {

	private final ThreadPoolTaskExecutor executor;

	private volatile CountDownLatch open = new CountDownLatch(0);

	/**
	 * @param executor the server's {@code clientOutboundChannelExecutor} or
	 * {@code clientInboundChannelExecutor}
	 */
	public ExecutorGate(ThreadPoolTaskExecutor executor) {
		this.executor = executor;
	}

	/** Returns once every thread is held. */
	public void hold() throws InterruptedException {
		CountDownLatch open = new CountDownLatch(1);
		this.open = open;
		int threads = this.executor.getCorePoolSize();
		CountDownLatch held = new CountDownLatch(threads);
		for (int i = 0; i < threads; i++) {
			this.executor.execute(() -> {
				held.countDown();
				try {
					open.await(StompTestClient.TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		assertThat(held.await(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("every thread held").isTrue();
	}

	public void release() {
		this.open.countDown();
	}

}
