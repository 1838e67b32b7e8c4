package dev.stompchat.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.stompchat.chat.MessageDraft;
import dev.stompchat.chat.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Who is in the rooms of one partition, across instances: a nickname is in a room while
 * at least one instance holds it there. Folded from the partition in stream order, so
 * every instance comes to the same members and announces the same changes at the same
 * place in the room's order: one person in tabs on several instances joins once and
 * leaves once.
 */
final class PresenceFold {

	/** room → nickname → the instances that hold it there */
	private final Map<String, Map<String, Set<String>>> holders = new HashMap<>();

	/**
	 * The change as the room hears of it: what an instance announced, less what does not
	 * change who is in the room; {@code null} when nothing does.
	 */
	@Nullable MessageDraft apply(StreamEntry.PresenceChanged change) {
		String room = change.room();
		String instance = change.instance();
		return switch (change.type()) {
			case JOIN -> add(room, change.nickname(), instance)
					? new MessageDraft(room, change.nickname(), null, change.sentAt(), MessageType.JOIN, null, null)
					: null;
			case LEAVE -> remove(room, change.nickname(), instance)
					? new MessageDraft(room, change.nickname(), null, change.sentAt(), MessageType.LEAVE, null, null)
					: null;
			case PRESENCE -> {
				List<String> joined = listOf(change.joined()).stream()
					.filter((nickname) -> add(room, nickname, instance))
					.toList();
				List<String> left = listOf(change.left()).stream()
					.filter((nickname) -> remove(room, nickname, instance))
					.toList();
				yield (joined.isEmpty() && left.isEmpty()) ? null
						: new MessageDraft(room, null, null, change.sentAt(), MessageType.PRESENCE, joined, left);
			}
			case CHAT -> null;
		};
	}

	/**
	 * Everything an instance held ends: per room, who is no longer there, as one LEAVE
	 * or, for several at once, one PRESENCE.
	 */
	List<MessageDraft> expire(String instance, Instant at) {
		List<MessageDraft> departures = new ArrayList<>();
		for (String room : new ArrayList<>(this.holders.keySet())) {
			List<String> left = new ArrayList<>();
			for (String nickname : new ArrayList<>(this.holders.get(room).keySet())) {
				if (remove(room, nickname, instance)) {
					left.add(nickname);
				}
			}
			if (left.size() == 1) {
				departures.add(new MessageDraft(room, left.get(0), null, at, MessageType.LEAVE, null, null));
			}
			else if (!left.isEmpty()) {
				departures
					.add(new MessageDraft(room, null, null, at, MessageType.PRESENCE, List.of(), List.copyOf(left)));
			}
		}
		return departures;
	}

	/** Whether the nickname was not in the room before. */
	private boolean add(String room, @Nullable String nickname, String instance) {
		if (nickname == null) {
			return false;
		}
		Set<String> instances = this.holders.computeIfAbsent(room, (key) -> new HashMap<>())
			.computeIfAbsent(nickname, (key) -> new HashSet<>());
		return instances.add(instance) && instances.size() == 1;
	}

	/** Whether the nickname is no longer in the room. */
	private boolean remove(String room, @Nullable String nickname, String instance) {
		Map<String, Set<String>> members = this.holders.get(room);
		Set<String> instances = (members != null && nickname != null) ? members.get(nickname) : null;
		if (instances == null || !instances.remove(instance) || !instances.isEmpty()) {
			return false;
		}
		members.remove(nickname);
		if (members.isEmpty()) {
			this.holders.remove(room);
		}
		return true;
	}

	private static List<String> listOf(@Nullable List<String> nicknames) {
		return (nicknames != null) ? nicknames : List.of();
	}

}
