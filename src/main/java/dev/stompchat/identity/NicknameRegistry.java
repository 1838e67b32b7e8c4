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

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Nickname claims kept in this instance's memory, for {@code chat.broker=simple}.
 * Nicknames that look alike are one nickname: they are compared by the Unicode confusable
 * skeleton (UTS #39) of their NFKC-normalised, case-folded form, so "Alice", "ALICE", a
 * full-width "ａｌｉｃｅ" and "аlice" with a Cyrillic "а" are one nickname, and so are "rn"
 * and "m". A nickname nobody holds is granted only if it does not mix scripts, digits or
 * marks in a way that could imitate another name (see {@link LookAlikes}); one that looks
 * like a held nickname is refused as taken, which says more.
 */
@Component
@ConditionalOnProperty(name = "chat.broker", havingValue = "simple", matchIfMissing = true)
class NicknameRegistry implements NicknameClaims {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Holder> holders = new HashMap<>();

	private final Map<String, String> keysBySession = new HashMap<>();

	@Override
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

	@Override
	public synchronized @Nullable String tokenOf(String sessionId) {
		String key = this.keysBySession.get(sessionId);
		return (key != null) ? this.holders.get(key).token() : null;
	}

	@Override
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
