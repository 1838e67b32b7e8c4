package dev.stompchat.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptTests {

	@Test
	void shortPrintableInputIsKeptAsItIs() {
		assertThat(Excerpt.of("/topic/rooms.Bad_Room")).isEqualTo("/topic/rooms.Bad_Room");
		assertThat(Excerpt.of("Мария 李小龍 😀")).isEqualTo("Мария 李小龍 😀");
	}

	@Test
	void longInputIsCutAfterSixtyFourCodePointsWithAnEllipsis() {
		String excerpt = Excerpt.of("😀".repeat(100));

		assertThat(excerpt).isEqualTo("😀".repeat(Excerpt.MAX_CODE_POINTS) + "…");
	}

	@Test
	void controlFormatAndLoneSurrogateCharactersAreShownAsQuestionMarks() {
		assertThat(Excerpt.of("a\u001b[31mb\nc\u202ed\ud800e")).isEqualTo("a?[31mb?c?d?e");
	}

}
