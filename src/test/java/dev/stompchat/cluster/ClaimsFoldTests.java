package dev.stompchat.cluster;

import java.util.Locale;

import dev.stompchat.cluster.ClaimsFold.Decision;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who holds which nickname across instances, folded from the control stream's claims,
 * releases and expiries: the first claim of a free key wins, later ones only with the
 * holder's token.
 */
class ClaimsFoldTests {

	private final ClaimsFold fold = new ClaimsFold();

	@Test
	void firstClaimOfAFreeKeyIsGrantedWithItsOwnTokenAsSpelled() {
		assertThat(this.fold.apply(claim("a", "s1", "Alice", null, "hash-1")))
			.isEqualTo(new Decision.Granted("Alice", "hash-1"));
		assertThat(this.fold.isHeld("alice")).isTrue();
	}

	@Test
	void secondClaimWithoutTokenIsTaken() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		assertThat(this.fold.apply(claim("b", "s2", "alice", null, "hash-2"))).isEqualTo(new Decision.Taken());
	}

	@Test
	void secondClaimWithTheHoldersTokenIsGrantedUnderTheHoldersSpellingAndToken() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		assertThat(this.fold.apply(claim("b", "s2", "alice", "hash-1", "hash-2")))
			.isEqualTo(new Decision.Granted("Alice", "hash-1"));
	}

	@Test
	void claimWithAWrongTokenIsTaken() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		assertThat(this.fold.apply(claim("b", "s2", "alice", "hash-2", "hash-3"))).isEqualTo(new Decision.Taken());
		assertThat(this.fold.apply(claim("b", "s3", "alice", "", "hash-3"))).isEqualTo(new Decision.Taken());
	}

	@Test
	void imitationOfAFreeKeyIsRefusedForItsReason() {
		assertThat(this.fold.apply(imitation("a", "s1", null, "looks like admin")))
			.isEqualTo(new Decision.Refused("looks like admin"));
		assertThat(this.fold.isHeld("alice")).isFalse();
	}

	@Test
	void imitationOfAHeldKeyWithTheRightTokenIsGranted() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		assertThat(this.fold.apply(imitation("b", "s2", "hash-1", "looks like admin")))
			.isEqualTo(new Decision.Granted("Alice", "hash-1"));
	}

	@Test
	void imitationOfAHeldKeyWithoutTheTokenIsTaken() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		assertThat(this.fold.apply(imitation("b", "s2", null, "looks like admin"))).isEqualTo(new Decision.Taken());
	}

	@Test
	void releasingTheLastConnectionFreesTheKey() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		this.fold.release("a", "s1");

		assertThat(this.fold.isHeld("alice")).isFalse();
		assertThat(this.fold.apply(claim("b", "s2", "alice", null, "hash-2")))
			.isEqualTo(new Decision.Granted("alice", "hash-2"));
	}

	@Test
	void releasingOneOfTwoConnectionsKeepsTheKeyHeld() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));
		this.fold.apply(claim("b", "s2", "alice", "hash-1", "hash-2"));

		this.fold.release("a", "s1");

		assertThat(this.fold.isHeld("alice")).isTrue();
		assertThat(this.fold.apply(claim("c", "s3", "alice", null, "hash-3"))).isEqualTo(new Decision.Taken());
		assertThat(this.fold.apply(claim("c", "s4", "alice", "hash-1", "hash-3")))
			.isEqualTo(new Decision.Granted("Alice", "hash-1"));
	}

	@Test
	void expiringAnInstanceFreesTheKeysHeldOnlyThere() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));
		this.fold.apply(claim("a", "s2", "Bob", null, "hash-2"));
		this.fold.apply(claim("a", "s3", "bob", "hash-2", "hash-3"));
		this.fold.apply(claim("a", "s4", "Carol", null, "hash-4"));
		this.fold.apply(claim("b", "s5", "carol", "hash-4", "hash-5"));
		this.fold.apply(claim("b", "s6", "Dave", null, "hash-6"));

		this.fold.expire("a");

		assertThat(this.fold.isHeld("alice")).isFalse();
		assertThat(this.fold.isHeld("bob")).isFalse();
		assertThat(this.fold.isHeld("carol")).as("also held on b").isTrue();
		assertThat(this.fold.isHeld("dave")).as("held only on b").isTrue();
		assertThat(this.fold.apply(claim("c", "s7", "alice", null, "hash-7")))
			.isEqualTo(new Decision.Granted("alice", "hash-7"));
		assertThat(this.fold.apply(claim("c", "s8", "carol", null, "hash-8"))).isEqualTo(new Decision.Taken());
	}

	@Test
	void expiringAnInstanceThatHoldsNothingChangesNothing() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		this.fold.expire("b");

		assertThat(this.fold.isHeld("alice")).isTrue();
	}

	@Test
	void releasingTwiceIsHarmless() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));
		this.fold.apply(claim("a", "s2", "alice", "hash-1", "hash-2"));

		this.fold.release("a", "s1");
		this.fold.release("a", "s1");

		assertThat(this.fold.isHeld("alice")).as("s2 still holds it").isTrue();
		this.fold.release("a", "s2");
		this.fold.release("a", "s2");
		assertThat(this.fold.isHeld("alice")).isFalse();
	}

	@Test
	void releasingAnUnknownSessionIsHarmless() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		this.fold.release("a", "unknown");
		this.fold.release("unknown", "s1");

		assertThat(this.fold.isHeld("alice")).isTrue();
	}

	@Test
	void sessionsArePerInstance() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));
		this.fold.apply(claim("b", "s1", "alice", "hash-1", "hash-2"));

		this.fold.release("a", "s1");

		assertThat(this.fold.isHeld("alice")).as("b's s1 still holds it").isTrue();
		this.fold.release("b", "s1");
		assertThat(this.fold.isHeld("alice")).isFalse();
	}

	@Test
	void sessionsArePerInstanceOnExpiry() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));
		this.fold.apply(claim("b", "s1", "Bob", null, "hash-2"));

		this.fold.expire("a");

		assertThat(this.fold.isHeld("alice")).isFalse();
		assertThat(this.fold.isHeld("bob")).isTrue();
	}

	@Test
	void keysAreIndependent() {
		this.fold.apply(claim("a", "s1", "Alice", null, "hash-1"));

		assertThat(this.fold.apply(claim("a", "s2", "Bob", "hash-1", "hash-2")))
			.isEqualTo(new Decision.Granted("Bob", "hash-2"));
		this.fold.release("a", "s2");
		assertThat(this.fold.isHeld("alice")).isTrue();
		assertThat(this.fold.isHeld("bob")).isFalse();
	}

	private static StreamEntry.Claimed claim(String instance, String session, String nickname,
			@Nullable String presentedTokenHash, String newTokenHash) {
		return new StreamEntry.Claimed(instance, "correlation", nickname.toLowerCase(Locale.ROOT), nickname, session,
				presentedTokenHash, newTokenHash, null);
	}

	private static StreamEntry.Claimed imitation(String instance, String session, @Nullable String presentedTokenHash,
			String reason) {
		return new StreamEntry.Claimed(instance, "correlation", "alice", "alice", session, presentedTokenHash,
				"hash-new", reason);
	}

}
