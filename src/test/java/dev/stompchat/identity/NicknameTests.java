package dev.stompchat.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a nickname may be spelt as, without a server: the rules of {@link Nickname}.
 */
class NicknameTests {

	@Test
	void parsingTrimsAndMakesEachRunOfSpacesOneSpace() {
		assertThat(Nickname.parse("  alice   bob  carol ").value()).isEqualTo("alice bob carol");
	}

	@Test
	void runOfSpacesCannotBeConstructed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Nickname("alice  bob"))
			.withMessage("The nickname has several spaces in a row: separate its words with one space.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Мария", "李小龍", "Ωμέγα", "José", "Nguyễn Thị Ánh", "محمد", "राज", "क्षत्रिय", "สมชาย",
			"น้ำผึ้ง", "山田タロウ", "김철수", "İlkay", "Straße" })
	void namesInAnyScriptAreTheirOwnSpelling(String name) {
		assertThat(Nickname.parse(name).value()).isEqualTo(name);
	}

	@Test
	void letterWithThirtyOneAccentsIsRefused() {
		String zalgo = "a" + "\u0301".repeat(31);

		assertThatIllegalArgumentException().isThrownBy(() -> Nickname.parse(zalgo))
			.withMessage("The nickname has more than 3 accents or other marks on one letter: at most 3 are allowed.");
	}

	@Test
	void threeMarksOnALetterAreAllowedAndFourAreNot() {
		assertThat(Nickname.parse("a\u0300\u0301\u0302b").value()).isEqualTo("a\u0300\u0301\u0302b");
		assertThatIllegalArgumentException().isThrownBy(() -> Nickname.parse("a\u0300\u0301\u0302\u0303b"))
			.withMessageContaining("more than 3 accents or other marks");
	}

	@Test
	void marksAreCountedAfterDecompositionSoAPrecomposedLetterCountsItsOwn() {
		// "ễ" is e with a circumflex and a tilde: two more marks make four
		assertThatIllegalArgumentException().isThrownBy(() -> Nickname.parse("\u1ec5\u0301\u0323"))
			.withMessageContaining("more than 3 accents or other marks");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<b>bold</b>", "alice/bob", "tab\there", "zero\u200bwidth", "be\u0007ll" })
	void disallowedCharactersAreRefusedWithoutRepeatingTheName(String raw) {
		assertThatIllegalArgumentException().isThrownBy(() -> Nickname.parse(raw))
			.withMessage("The nickname contains characters that are not allowed: "
					+ "use letters, digits, space, '_', '-' and '.'.");
	}

	@Test
	void lengthIsCountedInCodePointsAfterSpacesAreCollapsed() {
		String name = "a".repeat(15) + "          " + "b".repeat(16);

		assertThat(Nickname.parse(name).value()).hasSize(32);
		assertThatIllegalArgumentException().isThrownBy(() -> Nickname.parse("𝐚".repeat(33)))
			.withMessage("The nickname has 33 characters; at most 32 are allowed.");
	}

}
