package dev.stompchat.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} without time: it records the one-off tasks it is given and runs
 * them when the test says so, so that "the window passed" or "the grace passed" is a line
 * of the test rather than a wait.
 */
class ManualTaskScheduler implements TaskScheduler {

	private final List<Task> tasks = new ArrayList<>();

	@Override
	public ScheduledFuture<?> schedule(Runnable runnable, Instant startTime) {
		Task task = new Task(runnable, startTime);
		this.tasks.add(task);
		return task;
	}

	/** The tasks scheduled and neither run nor cancelled yet. */
	List<Task> pending() {
		return this.tasks.stream().filter((task) -> !task.isDone()).toList();
	}

	/**
	 * Run every pending task, in the order they were scheduled, and those they schedule
	 * in turn; a task's failure fails the test.
	 */
	void runPending() {
		List<Task> due;
		while (!(due = pending()).isEmpty()) {
			for (Task task : due) {
				task.runAndRethrow();
			}
		}
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException("only one-off tasks are expected");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException("only one-off tasks are expected");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException("only one-off tasks are expected");
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException("only one-off tasks are expected");
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException("only one-off tasks are expected");
	}

	/** One scheduled task; cancelling it means it never runs. */
	static final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {

		private final Instant startTime;

		Task(Runnable runnable, Instant startTime) {
			super(runnable, null);
			this.startTime = startTime;
		}

		Instant startTime() {
			return this.startTime;
		}

		void runAndRethrow() {
			run();
			if (isCancelled()) {
				return;
			}
			try {
				get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException ex) {
				throw new AssertionError("the scheduled task failed", ex.getCause());
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(Instant.now(), this.startTime));
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
