package dev.stompchat.cluster;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.stompchat.chat.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * What the streams hold, as JSON. Every entry names the instance that wrote it. Room
 * partitions hold {@link Posted}, {@link PresenceChanged}, {@link Started} and
 * {@link Expired}; the control stream holds {@link Heartbeat}, {@link Claimed},
 * {@link Released}, {@link Started} and {@link Expired}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = StreamEntry.Posted.class, name = "posted"),
		@JsonSubTypes.Type(value = StreamEntry.PresenceChanged.class, name = "presence"),
		@JsonSubTypes.Type(value = StreamEntry.Started.class, name = "started"),
		@JsonSubTypes.Type(value = StreamEntry.Expired.class, name = "expired"),
		@JsonSubTypes.Type(value = StreamEntry.Heartbeat.class, name = "heartbeat"),
		@JsonSubTypes.Type(value = StreamEntry.Claimed.class, name = "claimed"),
		@JsonSubTypes.Type(value = StreamEntry.Released.class, name = "released") })
sealed interface StreamEntry {

	String instance();

	/** What someone said in a room. */
	record Posted(String instance, String correlation, String room, String sender, String text,
			Instant sentAt) implements StreamEntry {
	}

	/**
	 * That nicknames started or stopped being in a room on one instance: a JOIN, LEAVE or
	 * PRESENCE as that instance would announce it alone. The room hears of it only where
	 * it changes who is in the room across all instances.
	 */
	record PresenceChanged(String instance, String correlation, String room, MessageType type,
			@Nullable String nickname, @Nullable List<String> joined, @Nullable List<String> left,
			Instant sentAt) implements StreamEntry {
	}

	/**
	 * Written by an instance when it starts; it has read everything before once it reads
	 * this back.
	 */
	record Started(String instance) implements StreamEntry {
	}

	/**
	 * That an instance is gone, written by itself when it stops, or by another that has
	 * not heard from it for too long: whatever it held ends here.
	 */
	record Expired(String instance, String expired, Instant at) implements StreamEntry {
	}

	/** That an instance is alive and reads the control stream. */
	record Heartbeat(String instance) implements StreamEntry {
	}

	/**
	 * A connection's claim of a nickname, decided by the first claim of a free key in
	 * stream order.
	 *
	 * @param key the nickname's look-alike key
	 * @param presentedTokenHash SHA-256 of the token the client presented, if any
	 * @param newTokenHash SHA-256 of the token the claimant hands out if it is first
	 * @param imitation why the nickname may not be taken by someone new, if it may not
	 */
	record Claimed(String instance, String correlation, String key, String nickname, String session,
			@Nullable String presentedTokenHash, String newTokenHash,
			@Nullable String imitation) implements StreamEntry {
	}

	/** That a connection let go of its nickname. */
	record Released(String instance, String session) implements StreamEntry {
	}

}
