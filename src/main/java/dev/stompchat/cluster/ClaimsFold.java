package dev.stompchat.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who holds which nickname across instances, folded from the control stream in order: the
 * first claim of a free nickname wins, a later one only with the holder's token, and a
 * nickname is free again once its last connection anywhere let go of it or its instance
 * expired. Every instance folds the same stream, so every instance decides every claim
 * alike, and the claimant acts on the decision it reads back.
 */
final class ClaimsFold {

	/** nickname key → its holder */
	private final Map<String, Holder> holders = new HashMap<>();

	/** instance and session → the key it holds */
	private final Map<Connection, String> keys = new HashMap<>();

	Decision apply(StreamEntry.Claimed claim) {
		Holder holder = this.holders.get(claim.key());
		if (holder == null) {
			if (claim.imitation() != null) {
				return new Decision.Refused(claim.imitation());
			}
			holder = new Holder(claim.nickname(), claim.newTokenHash(), new HashSet<>());
			this.holders.put(claim.key(), holder);
		}
		else if (!holder.accepts(claim.presentedTokenHash())) {
			return new Decision.Taken();
		}
		Connection connection = new Connection(claim.instance(), claim.session());
		holder.connections().add(connection);
		this.keys.put(connection, claim.key());
		return new Decision.Granted(holder.nickname(), holder.tokenHash());
	}

	void release(String instance, String session) {
		Connection connection = new Connection(instance, session);
		String key = this.keys.remove(connection);
		Holder holder = (key != null) ? this.holders.get(key) : null;
		if (holder != null) {
			holder.connections().remove(connection);
			if (holder.connections().isEmpty()) {
				this.holders.remove(key);
			}
		}
	}

	void expire(String instance) {
		this.keys.keySet()
			.stream()
			.filter((connection) -> connection.instance().equals(instance))
			.toList()
			.forEach((connection) -> release(connection.instance(), connection.session()));
	}

	boolean isHeld(String key) {
		return this.holders.containsKey(key);
	}

	/** What a claim came to. */
	sealed interface Decision {

		/** Granted, under the nickname as its holder spells it. */
		record Granted(String nickname, String tokenHash) implements Decision {
		}

		record Taken() implements Decision {
		}

		/** Nobody holds it, but it may not be taken, for this reason. */
		record Refused(String reason) implements Decision {
		}

	}

	private record Holder(String nickname, String tokenHash, Set<Connection> connections) {

		boolean accepts(@Nullable String presentedTokenHash) {
			return presentedTokenHash != null
					&& MessageDigest.isEqual(presentedTokenHash.getBytes(StandardCharsets.UTF_8),
							this.tokenHash.getBytes(StandardCharsets.UTF_8));
		}

	}

	private record Connection(String instance, String session) {
	}

}
