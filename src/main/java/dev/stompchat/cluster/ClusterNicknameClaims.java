package dev.stompchat.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.stompchat.identity.LookAlikes;
import dev.stompchat.identity.Nickname;
import dev.stompchat.identity.NicknameClaims;
import dev.stompchat.identity.NicknameTakenException;
import org.jspecify.annotations.Nullable;

/**
 * Nickname claims arbitrated by the broker, for {@code chat.broker=rabbitmq}: a claim is
 * written to the control stream and decided by its place there ({@link ClaimsFold}), so
 * that of two people claiming one nickname on two instances at the same moment exactly
 * one gets it, and a token is honoured by every instance. The stream holds hashes of
 * tokens, not tokens.
 */
class ClusterNicknameClaims implements NicknameClaims, StreamListener {

	/** How long a CONNECT waits for its claim to be decided before it is refused. */
	private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(5);

	static final String BROKER_UNAVAILABLE = "BROKER_UNAVAILABLE: the server has lost its message broker, so "
			+ "nicknames cannot be claimed for now. Try again in a moment.";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StreamLink link;

	private final InstanceLiveness liveness;

	private final ClaimsFold fold = new ClaimsFold();

	private final Map<String, CompletableFuture<ClaimsFold.Decision>> decisions = new ConcurrentHashMap<>();

	/** session → the token of the nickname it holds */
	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	private final AtomicLong correlations = new AtomicLong();

	ClusterNicknameClaims(StreamLink link, InstanceLiveness liveness) {
		this.link = link;
		this.liveness = liveness;
	}

	@Override
	public Claim claim(Nickname nickname, @Nullable String token, String sessionId) {
		if (!this.link.isCaughtUp() || !this.liveness.isLinked()) {
			throw new IllegalStateException(BROKER_UNAVAILABLE);
		}
		String newToken = newToken();
		String correlation = this.link.instance() + "-" + this.correlations.incrementAndGet();
		CompletableFuture<ClaimsFold.Decision> decided = new CompletableFuture<>();
		this.decisions.put(correlation, decided);
		try {
			this.link
				.publishToControl(new StreamEntry.Claimed(this.link.instance(), correlation,
						LookAlikes.skeleton(nickname.value()), nickname.value(), sessionId,
						(token != null) ? hash(token) : null, hash(newToken), LookAlikes.problemWith(nickname.value())))
				.whenComplete((confirmed, failure) -> {
					if (failure != null) {
						decided.completeExceptionally(failure);
					}
				});
			ClaimsFold.Decision decision = decided.get(DECISION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (decision instanceof ClaimsFold.Decision.Granted granted) {
				String held = granted.tokenHash().equals(hash(newToken)) ? newToken : token;
				this.tokens.put(sessionId, held);
				return new Claim(new Nickname(granted.nickname()), held);
			}
			if (decision instanceof ClaimsFold.Decision.Refused refused) {
				throw new IllegalArgumentException(refused.reason());
			}
			throw new NicknameTakenException(nickname);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(BROKER_UNAVAILABLE, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(BROKER_UNAVAILABLE, ex);
		}
		finally {
			this.decisions.remove(correlation);
		}
	}

	@Override
	public @Nullable String tokenOf(String sessionId) {
		return this.tokens.get(sessionId);
	}

	@Override
	public void release(String sessionId) {
		if (this.tokens.remove(sessionId) != null) {
			this.link.publishToControl(new StreamEntry.Released(this.link.instance(), sessionId));
		}
	}

	@Override
	public void onControlEntry(long offset, StreamEntry entry) {
		if (entry instanceof StreamEntry.Claimed claimed) {
			ClaimsFold.Decision decision = this.fold.apply(claimed);
			if (claimed.instance().equals(this.link.instance())) {
				CompletableFuture<ClaimsFold.Decision> decided = this.decisions.get(claimed.correlation());
				if (decided != null) {
					decided.complete(decision);
				}
				else if (decision instanceof ClaimsFold.Decision.Granted) {
					// decided after its CONNECT gave up waiting: let it go again
					this.link.publishToControl(new StreamEntry.Released(claimed.instance(), claimed.session()));
				}
			}
		}
		else if (entry instanceof StreamEntry.Released released) {
			this.fold.release(released.instance(), released.session());
		}
		else if (entry instanceof StreamEntry.Expired expired) {
			this.fold.expire(expired.expired());
		}
	}

	private static String newToken() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
