package dev.stompchat.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Who holds which nickname, so that no two people chat under the same one. Nicknames are
 * compared after Unicode NFKC normalisation and case folding: "Alice", "ALICE" and a
 * full-width "ａｌｉｃｅ" are one nickname.
 * <p>The first connection to claim a nickname gets a token; a connection presenting that
 * token may use the nickname alongside the ones already holding it (a second tab, or a
 * reconnect before the stale connection is noticed). The nickname is free again, and its
 * token void, as soon as its last connection ends.
 */
@Component
public class NicknameRegistry {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Holder> holders = new HashMap<>();

	private final Map<String, String> keysBySession = new HashMap<>();

	/**
	 * Claim a nickname for a connection.
	 * @param token the token the client presented, or {@code null}
	 * @return the nickname as its holder spells it, and its token
	 * @throws NicknameTakenException if someone else holds the nickname
	 */
	public synchronized Claim claim(Nickname nickname, String token, String sessionId) {
		String key = key(nickname.value());
		Holder holder = this.holders.get(key);
		if (holder == null) {
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

	/** The token of the nickname a connection holds, or {@code null}. */
	public synchronized String tokenOf(String sessionId) {
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
		return Normalizer.normalize(nickname, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
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

		boolean accepts(String presented) {
			return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
					this.token.getBytes(StandardCharsets.UTF_8));
		}

	}

}
