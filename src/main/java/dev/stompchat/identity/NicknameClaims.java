package dev.stompchat.identity;

import org.jspecify.annotations.Nullable;

/**
 * Who holds which nickname, so that no two people chat under the same one: kept in this
 * instance's memory ({@link NicknameRegistry}) or arbitrated by the broker for several
 * instances. Nicknames that look alike are one nickname (see {@link LookAlikes}).
 * <p>
 * The first connection to claim a nickname gets a token; a connection presenting that
 * token may use the nickname alongside the ones already holding it (a second tab, or a
 * reconnect before the stale connection is noticed). The nickname is free again, and its
 * token void, as soon as its last connection ends.
 */
public interface NicknameClaims {

	/**
	 * Claim a nickname for a connection.
	 * @param token the token the client presented, or {@code null}
	 * @return the nickname as its holder spells it, and its token
	 * @throws NicknameTakenException if someone else holds the nickname or one that looks
	 * like it
	 * @throws IllegalArgumentException if nobody holds it but it mixes scripts, digits or
	 * marks in a way that could imitate another name
	 * @throws IllegalStateException if it cannot be decided now, as when the broker that
	 * arbitrates claims is unavailable
	 */
	Claim claim(Nickname nickname, @Nullable String token, String sessionId);

	/** The token of the nickname a connection holds, or {@code null}. */
	@Nullable String tokenOf(String sessionId);

	/** Let go of whatever nickname the connection holds; safe to call more than once. */
	void release(String sessionId);

	/** A nickname granted to a connection. */
	record Claim(Nickname nickname, String token) {
	}

}
