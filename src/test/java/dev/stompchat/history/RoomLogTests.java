package dev.stompchat.history;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import dev.stompchat.chat.ChatMessage;
import dev.stompchat.chat.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One room's retained messages and what a client asking {@code since} an id is told,
 * without a server.
 */
class RoomLogTests {

	private static final long LARGE = 64 * 1024;

	private static final Instant SENT_AT = Instant.parse("2026-11-25T08:00:00.123Z");

	@Test
	void sinceNullAnswersEveryRetainedMessageOldestFirstAndIsComplete() {
		RoomLog log = logOf(5, LARGE, 1, 2, 3);

		HistoryPage page = log.since("general", null);

		assertThat(page.room()).isEqualTo("general");
		assertThat(ids(page)).containsExactly("1", "2", "3");
		assertThat(page.complete()).isTrue();
	}

	@Test
	void anEmptyLogAnswersNothingAndIsComplete() {
		RoomLog log = new RoomLog(5, LARGE, 0);

		assertThat(ids(log.since("general", null))).isEmpty();
		assertThat(log.since("general", null).complete()).isTrue();
	}

	@Test
	void atCapacityTheOldestMessageIsEvicted() {
		RoomLog log = logOf(3, LARGE, 1, 2, 3);
		assertThat(log.since("general", null).complete()).isTrue();

		log.append(chat(4));

		assertThat(ids(log.since("general", null))).containsExactly("2", "3", "4");
	}

	@Test
	void sinceNullIsIncompleteOnceSomethingWasEvicted() {
		RoomLog log = logOf(3, LARGE, 1, 2, 3, 4);

		assertThat(log.since("general", null).complete()).isFalse();
	}

	@Test
	void onlyChatMessagesAreRetained() {
		RoomLog log = new RoomLog(3, LARGE, 0);
		log.append(chat(1));
		log.append(new ChatMessage("2", "general", "bob", null, SENT_AT, MessageType.JOIN));
		log.append(new ChatMessage("3", "general", null, null, SENT_AT, MessageType.PRESENCE, List.of("carol"),
				List.of()));
		log.append(new ChatMessage("4", "general", "bob", null, SENT_AT, MessageType.LEAVE));
		log.append(chat(5));

		HistoryPage page = log.since("general", null);

		assertThat(ids(page)).containsExactly("1", "5");
		assertThat(page.complete()).as("announcements take no place, so nothing was evicted").isTrue();
	}

	@Test
	void sinceAKnownIdAnswersOnlyTheNewerMessages() {
		RoomLog log = logOf(10, LARGE, 1, 2, 3, 4, 5);

		HistoryPage page = log.since("general", "3");

		assertThat(ids(page)).containsExactly("4", "5");
		assertThat(page.complete()).isTrue();
	}

	@Test
	void sinceTheNewestIdAnswersNothingAndIsComplete() {
		RoomLog log = logOf(10, LARGE, 1, 2, 3);

		assertThat(ids(log.since("general", "3"))).isEmpty();
		assertThat(log.since("general", "3").complete()).isTrue();
	}

	@Test
	void sinceTheIdOfAnAnnouncementAnswersTheChatMessagesAfterIt() {
		// ids come from one sequence: a client's last message may be a JOIN, never
		// retained
		RoomLog log = logOf(10, LARGE, 1, 2, 5, 6);

		HistoryPage page = log.since("general", "4");

		assertThat(ids(page)).containsExactly("5", "6");
		assertThat(page.complete()).isTrue();
		assertThat(log.since("general", "7").complete()).isTrue();
	}

	@Test
	void sinceTheLastEvictedIdIsStillComplete() {
		RoomLog log = logOf(3, LARGE, 1, 2, 3, 4, 5);

		HistoryPage page = log.since("general", "2");

		assertThat(ids(page)).containsExactly("3", "4", "5");
		assertThat(page.complete()).isTrue();
	}

	@Test
	void sinceAnIdOlderThanTheHorizonAnswersWhatIsLeftAndIsIncomplete() {
		RoomLog log = logOf(3, LARGE, 1, 2, 3, 4, 5);

		HistoryPage page = log.since("general", "1");

		assertThat(ids(page)).containsExactly("3", "4", "5");
		assertThat(page.complete()).isFalse();
	}

	@Test
	void sinceAnIdFromBeforeTheLogWasCreatedIsIncomplete() {
		// the room's first message here was 101: whatever came before is not known
		RoomLog log = new RoomLog(10, LARGE, 100);
		log.append(chat(101));
		log.append(chat(102));

		assertThat(log.since("general", "50").complete()).isFalse();
		assertThat(log.since("general", "100").complete()).isTrue();
		assertThat(log.since("general", null).complete()).as("nothing was evicted").isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "12x", " 3", "3.0", "0x10", "99999999999999999999", "-1", "-9" })
	void sinceAnIdThisServerNeverGaveOutAnswersEverythingAndIsIncomplete(String junk) {
		RoomLog log = logOf(10, LARGE, 1, 2, 3);

		HistoryPage page = log.since("general", junk);

		assertThat(ids(page)).containsExactly("1", "2", "3");
		assertThat(page.complete()).isFalse();
	}

	@Test
	void anAnswerHoldsOnlyTheNewestMessagesThatFitInMaxAnswerBytesAndIsIncomplete() {
		RoomLog log = new RoomLog(100, 1024, 0);
		LongStream.rangeClosed(1, 10).forEach((id) -> log.append(chat(id, "x".repeat(100))));
		// 100 bytes of JSON around the strings, 2 of id, 7 of room, 5 of sender, 100 of
		// text: two such messages fit in 1 KB with the answer's own overhead, three do
		// not
		assertThat(RoomLog.jsonBytes(chat(10, "x".repeat(100)))).isEqualTo(214);

		HistoryPage everything = log.since("general", null);
		HistoryPage missed = log.since("general", "5");

		assertThat(ids(everything)).containsExactly("9", "10");
		assertThat(everything.complete()).isFalse();
		assertThat(ids(missed)).containsExactly("9", "10");
		assertThat(missed.complete()).isFalse();
	}

	@Test
	void anAnswerThatFitsInMaxAnswerBytesIsComplete() {
		RoomLog log = new RoomLog(100, 1024, 0);
		LongStream.rangeClosed(1, 10).forEach((id) -> log.append(chat(id, "x".repeat(100))));

		HistoryPage page = log.since("general", "8");

		assertThat(ids(page)).containsExactly("9", "10");
		assertThat(page.complete()).isTrue();
	}

	@Test
	void aMessageTooLargeForAnyAnswerLeavesTheAnswerEmptyAndIncomplete() {
		RoomLog log = new RoomLog(100, 1024, 0);
		log.append(chat(1, "x".repeat(1000)));

		HistoryPage page = log.since("general", null);

		assertThat(page.messages()).isEmpty();
		assertThat(page.complete()).isFalse();
	}

	@Test
	void jsonBytesCountsMultiByteCharactersAndEscapesAtTheirLongest() {
		long plain = RoomLog.jsonBytes(chat(1, ""));

		assertThat(RoomLog.jsonBytes(chat(1, "é"))).isEqualTo(plain + 2);
		assertThat(RoomLog.jsonBytes(chat(1, "李"))).isEqualTo(plain + 3);
		assertThat(RoomLog.jsonBytes(chat(1, "\ud83d\ude00"))).isGreaterThanOrEqualTo(plain + 4);
		assertThat(RoomLog.jsonBytes(chat(1, "\""))).isEqualTo(plain + 2);
		assertThat(RoomLog.jsonBytes(chat(1, "\n"))).isEqualTo(plain + 6);
	}

	private static RoomLog logOf(int capacity, long maxAnswerBytes, long... ids) {
		RoomLog log = new RoomLog(capacity, maxAnswerBytes, 0);
		for (long id : ids) {
			log.append(chat(id));
		}
		return log;
	}

	private static ChatMessage chat(long id) {
		return chat(id, "message " + id);
	}

	private static ChatMessage chat(long id, String text) {
		return new ChatMessage(Long.toString(id), "general", "alice", text, SENT_AT, MessageType.CHAT);
	}

	private static List<String> ids(HistoryPage page) {
		return page.messages().stream().map(ChatMessage::id).toList();
	}

}
