package dev.stompchat.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds every thread of the server's outbound executor, which writes to the connections,
 * so that frames wait for a writer as long as a test needs: the server still takes and
 * broadcasts messages meanwhile, and writes them once released.
 */
public final class WriterGate {

	private final ThreadPoolTaskExecutor writers;

	private volatile CountDownLatch open = new CountDownLatch(0);

	/**
	 * @param writers the server's {@code clientOutboundChannelExecutor}
	 */
	public WriterGate(ThreadPoolTaskExecutor writers) {
		this.writers = writers;
	}

	/** Returns once every writer is held. */
	public void hold() throws InterruptedException {
		CountDownLatch open = new CountDownLatch(1);
		this.open = open;
		int threads = this.writers.getCorePoolSize();
		CountDownLatch held = new CountDownLatch(threads);
		for (int i = 0; i < threads; i++) {
			this.writers.execute(() -> {
				held.countDown();
				try {
					open.await(StompTestClient.TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		assertThat(held.await(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("every writer held").isTrue();
	}

	public void release() {
		this.open.countDown();
	}

}
