package dev.stompchat.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an instance is presumed dead, on explicit clock readings in nanoseconds: silent
 * for longer than the silence while this instance itself was hearing.
 */
class LivenessTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private static final long START = 1_000 * SECOND;

	private final Liveness liveness = new Liveness(Duration.ofSeconds(10), START);

	@Test
	void anInstanceHeardWithinTheSilenceIsNotSilent() {
		this.liveness.heard("a", START);

		assertThat(this.liveness.silent(START + 5 * SECOND)).isEmpty();
		assertThat(this.liveness.silent(START + 10 * SECOND)).as("exactly the silence is not past it").isEmpty();
	}

	@Test
	void hearingAnInstanceAgainGivesItTheSilenceAgain() {
		this.liveness.heard("a", START);
		this.liveness.heard("a", START + 8 * SECOND);

		assertThat(this.liveness.silent(START + 15 * SECOND)).isEmpty();
		assertThat(this.liveness.silent(START + 19 * SECOND)).containsExactly("a");
	}

	@Test
	void anInstanceSilentPastTheSilenceIsReturnedOnceAndThenForgotten() {
		this.liveness.heard("a", START);
		this.liveness.heard("b", START + 5 * SECOND);

		assertThat(this.liveness.silent(START + 11 * SECOND)).containsExactly("a");
		assertThat(this.liveness.silent(START + 12 * SECOND)).isEmpty();
		assertThat(this.liveness.silent(START + 16 * SECOND)).containsExactly("b");
		assertThat(this.liveness.silent(START + 100 * SECOND)).isEmpty();
	}

	@Test
	void severalSilentInstancesAreReturnedTogether() {
		this.liveness.heard("a", START);
		this.liveness.heard("b", START + SECOND);
		this.liveness.heard("c", START + 9 * SECOND);

		assertThat(this.liveness.silent(START + 12 * SECOND)).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void aForgottenInstanceIsNeverSilent() {
		this.liveness.heard("a", START);

		this.liveness.forget("a");

		assertThat(this.liveness.silent(START + 100 * SECOND)).isEmpty();
	}

	@Test
	void forgettingAnUnknownInstanceIsHarmless() {
		this.liveness.heard("a", START);

		this.liveness.forget("b");

		assertThat(this.liveness.silent(START + 11 * SECOND)).containsExactly("a");
	}

	@Test
	void anInstanceHeardAgainAfterItWasReturnedIsWatchedAgain() {
		this.liveness.heard("a", START);
		assertThat(this.liveness.silent(START + 11 * SECOND)).containsExactly("a");

		this.liveness.heard("a", START + 20 * SECOND);

		assertThat(this.liveness.silent(START + 25 * SECOND)).isEmpty();
		assertThat(this.liveness.silent(START + 31 * SECOND)).containsExactly("a");
	}

	@Test
	void afterDeafUntilEveryoneHasTheFullSilenceAgain() {
		this.liveness.heard("a", START);
		long recovered = START + 60 * SECOND;

		this.liveness.deafUntil(recovered);

		assertThat(this.liveness.silent(recovered)).isEmpty();
		assertThat(this.liveness.silent(recovered + 10 * SECOND)).isEmpty();
		assertThat(this.liveness.silent(recovered + 11 * SECOND)).containsExactly("a");
	}

	@Test
	void theSilenceCountsFromStartForInstancesHeardBeforeIt() {
		Liveness started = new Liveness(Duration.ofSeconds(10), START);
		started.heard("a", START - 60 * SECOND);

		assertThat(started.silent(START + 5 * SECOND)).isEmpty();
		assertThat(started.silent(START + 11 * SECOND)).containsExactly("a");
	}

	@Test
	void clockReadingsMayBeNegative() {
		long start = Long.MIN_VALUE / 2;
		Liveness negative = new Liveness(Duration.ofSeconds(10), start);
		negative.heard("a", start + SECOND);

		assertThat(negative.silent(start + 5 * SECOND)).isEmpty();
		assertThat(negative.silent(start + 12 * SECOND)).containsExactly("a");
	}

}
