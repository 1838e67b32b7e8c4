package dev.stompchat.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Room names, and the room topics built from and parsed into them, without a server.
 */
class RoomNameTests {

	@ParameterizedTest
	@ValueSource(strings = { "general", "a", "7", "0day", "room-42", "a-", "a--b", "abcdefghijklmnopqrstuvwxyz012345" })
	void lowercaseLettersDigitsAndInnerHyphensUpToThirtyTwoCharactersAreValid(String name) {
		assertThat(RoomName.isValid(name)).isTrue();
		assertThat(new RoomName(name).value()).isEqualTo(name);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "abcdefghijklmnopqrstuvwxyz0123456", "General", "ROOM", "-room", "Bad_Room", "room.one",
			"room one", " general", "general ", "café", "комната", "房间", "١٢٣", "room/../x", "general\n" })
	void namesTooLongWithCapitalsALeadingHyphenOrOtherCharactersAreInvalid(String name) {
		assertThat(RoomName.isValid(name)).isFalse();
		if (name != null) {
			assertThatExceptionOfType(ChatException.class).isThrownBy(() -> new RoomName(name))
				.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(ChatErrorCode.INVALID_ROOM))
				.withMessage(RoomName.describeProblem(name));
		}
	}

	@Test
	void thirtyTwoCharactersAreTheMostAName() {
		assertThat(RoomName.isValid("a".repeat(32))).isTrue();
		assertThat(RoomName.isValid("a".repeat(33))).isFalse();
	}

	@Test
	void topicIsTheRoomsPrefixFollowedByTheName() {
		assertThat(new RoomName("general").topic()).isEqualTo("/topic/rooms.general");
		assertThat(RoomName.DEFAULT.topic()).isEqualTo(RoomName.TOPIC_PREFIX + "general");
	}

	@Test
	void anyDestinationUnderTheRoomsPrefixIsATopicWhetherOrNotItsNameIsValid() {
		assertThat(RoomName.isTopic("/topic/rooms.general")).isTrue();
		assertThat(RoomName.isTopic("/topic/rooms.Bad_Room")).isTrue();
		assertThat(RoomName.isTopic("/topic/rooms.")).isTrue();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "/topic/rooms", "/topic/other", "/app/rooms.general.send", "/user/queue/errors",
			"topic/rooms.general", "/TOPIC/rooms.general" })
	void destinationsOutsideTheRoomsPrefixAreNoTopicAndHaveNoName(String destination) {
		assertThat(RoomName.isTopic(destination)).isFalse();
		assertThat(RoomName.nameInTopic(destination)).isNull();
		assertThat(RoomName.ofTopic(destination)).isNull();
	}

	@Test
	void nameInTopicIsWhateverFollowsThePrefixValidOrNot() {
		assertThat(RoomName.nameInTopic("/topic/rooms.general")).isEqualTo("general");
		assertThat(RoomName.nameInTopic("/topic/rooms.Bad_Room")).isEqualTo("Bad_Room");
		assertThat(RoomName.nameInTopic("/topic/rooms.general.send")).isEqualTo("general.send");
		assertThat(RoomName.nameInTopic("/topic/rooms.")).isEmpty();
	}

	@Test
	void ofTopicIsTheRoomOfAValidTopic() {
		assertThat(RoomName.ofTopic("/topic/rooms.general")).isEqualTo(new RoomName("general"));
		assertThat(RoomName.ofTopic(new RoomName("room-42").topic())).isEqualTo(new RoomName("room-42"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/topic/rooms.", "/topic/rooms.Bad_Room", "/topic/rooms.general.send", "/topic/rooms.-x",
			"/topic/rooms.general/../x" })
	void ofTopicIsNullForATopicOfAnInvalidName(String destination) {
		assertThat(RoomName.ofTopic(destination)).isNull();
	}

	@Test
	void describeProblemQuotesTheNameAndSaysWhatIsAllowed() {
		assertThat(RoomName.describeProblem("Bad_Room")).isEqualTo(
				"Invalid room name 'Bad_Room': use 1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit.");
		assertThat(RoomName.describeProblem(null)).startsWith("Invalid room name '': ");
	}

	@Test
	void describeProblemQuotesOnlyAShortPrintableExcerptOfALongName() {
		String name = "X".repeat(10_000);

		String problem = RoomName.describeProblem(name);

		assertThat(problem).contains("'" + "X".repeat(Excerpt.MAX_CODE_POINTS) + "…'")
			.doesNotContain("X".repeat(Excerpt.MAX_CODE_POINTS + 1))
			.hasSizeLessThan(200);
		assertThat(RoomName.describeProblem("bad\u001b[2Jroom")).contains("'bad?[2Jroom'");
	}

	@Test
	void roomNameReadsAsItsValue() {
		assertThat(new RoomName("general")).hasToString("general");
	}

}
