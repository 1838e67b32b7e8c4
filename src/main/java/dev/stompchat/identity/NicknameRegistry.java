package dev.stompchat.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Who holds which nickname, so that no two people chat under the same one. Nicknames that
 * look alike are one nickname: they are compared by the Unicode confusable skeleton (UTS
 * #39) of their NFKC-normalised, case-folded form, so "Alice", "ALICE", a full-width
 * "ａｌｉｃｅ" and "аlice" with a Cyrillic "а" are one nickname, and so are "rn" and "m". A
 * nickname nobody holds is granted only if it does not mix scripts, digits or marks in a
 * way that could imitate another name (see {@link LookAlikes}); one that looks like a
 * held nickname is refused as taken, which says more.
 * <p>
 * The first connection to claim a nickname gets a token; a connection presenting that
 * token may use the nickname alongside the ones already holding it (a second tab, or a
 * reconnect before the stale connection is noticed). The nickname is free again, and its
 * token void, as soon as its last connection ends.
 */
@Component
class NicknameRegistry {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Holder> holders = new HashMap<>();

	private final Map<String, String> keysBySession = new HashMap<>();

	/**
	 * Claim a nickname for a connection.
	 * @param token the token the client presented, or {@code null}
	 * @return the nickname as its holder spells it, and its token
	 * @throws NicknameTakenException if someone else holds the nickname or one that looks
	 * like it
	 * @throws IllegalArgumentException if nobody holds it but it mixes scripts, digits or
	 * marks in a way that could imitate another name
	 */
	public Claim claim(Nickname nickname, @Nullable String token, String sessionId) {
		String key = key(nickname.value());
		String imitation = LookAlikes.problemWith(nickname.value());
		synchronized (this) {
			Holder holder = this.holders.get(key);
			if (holder == null) {
				if (imitation != null) {
					throw new IllegalArgumentException(imitation);
				}
				holder = new Holder(nickname, newToken());
				this.holders.put(key, holder);
			}
			else if (!holder.accepts(token)) {
				throw new NicknameTakenException(nickname);
			}
			holder.sessions().add(sessionId);
			this.keysBySession.put(sessionId, key);
			return new Claim(holder.nickname(), holder.token());
		}
	}

	/** The token of the nickname a connection holds, or {@code null}. */
	public synchronized @Nullable String tokenOf(String sessionId) {
		String key = this.keysBySession.get(sessionId);
		return (key != null) ? this.holders.get(key).token() : null;
	}

	/** Let go of whatever nickname the connection holds; safe to call more than once. */
	public synchronized void release(String sessionId) {
		String key = this.keysBySession.remove(sessionId);
		if (key == null) {
			return;
		}
		Holder holder = this.holders.get(key);
		holder.sessions().remove(sessionId);
		if (holder.sessions().isEmpty()) {
			this.holders.remove(key);
		}
	}

	static String key(String nickname) {
		return LookAlikes.skeleton(nickname);
	}

	private static String newToken() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A nickname granted to a connection. */
	public record Claim(Nickname nickname, String token) {
	}

	private record Holder(Nickname nickname, String token, Set<String> sessions) {

		Holder(Nickname nickname, String token) {
			this(nickname, token, new HashSet<>());
		}

		boolean accepts(@Nullable String presented) {
			return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
					this.token.getBytes(StandardCharsets.UTF_8));
		}

	}

}
