package dev.stompchat.chat;

import dev.stompchat.core.ChatErrorCode;
import dev.stompchat.core.ChatException;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What becomes of a message's text before it is broadcast, and which texts are refused.
 */
class MessageTextTests {

	private static final int MAX_LENGTH = 10;

	@Test
	void controlCharactersOtherThanNewlineAndTabAreRemoved() {
		assertThat(text("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg")).isEqualTo("abcdefg");
		assertThat(text("one\r\ntwo")).isEqualTo("one\ntwo");
	}

	@Test
	void newlinesAndTabsInsideTheTextAreKept() {
		assertThat(text("a\n\nb\tc")).isEqualTo("a\n\nb\tc");
	}

	@Test
	void leadingAndTrailingWhitespaceIsStripped() {
		assertThat(text("  \t\nhello \n\t ")).isEqualTo("hello");
	}

	@Test
	void unicodeWhitespaceSuchAsTheIdeographicSpaceIsStrippedToo() {
		assertThat(text("\u3000\u2003hello\u2029\u3000")).isEqualTo("hello");
	}

	@Test
	void noBreakSpacesAndZeroWidthSpacesAreNotStripped() {
		// String.strip() follows Character.isWhitespace, which leaves out the no-break
		// spaces (U+00A0, U+2007, U+202F); U+200B is a format character, not a space
		assertThat(text("\u00a0hello\u00a0")).isEqualTo("\u00a0hello\u00a0");
		assertThat(text("\u200bhello")).isEqualTo("\u200bhello");
		assertThat(text("\u00a0")).isEqualTo("\u00a0");
	}

	@Test
	void controlCharactersAreRemovedBeforeStripping() {
		assertThat(text("\u0000  hello  \u0007")).isEqualTo("hello");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "   \t\n  ", "\u3000", "\u0000\u0001\u001b", " \u0000 \r " })
	void textThatIsMissingEmptyOrOnlyWhitespaceAndControlCharactersIsEmpty(String raw) {
		assertRefused(raw, MAX_LENGTH, ChatErrorCode.TEXT_EMPTY)
			.withMessage("The message is empty: type some text to send.");
	}

	@Test
	void textUpToTheLimitIsAccepted() {
		assertThat(text("a".repeat(MAX_LENGTH))).hasSize(MAX_LENGTH);
	}

	@Test
	void lengthIsCountedInCodePointsSoEmojiCountOnceEach() {
		String tenEmoji = "\ud83d\ude00".repeat(MAX_LENGTH);

		assertThat(tenEmoji).hasSize(2 * MAX_LENGTH);
		assertThat(text(tenEmoji)).isEqualTo(tenEmoji);
	}

	@Test
	void textOverTheLimitInCodePointsIsTooLong() {
		assertRefused("\ud83d\ude00".repeat(MAX_LENGTH + 1), MAX_LENGTH, ChatErrorCode.TEXT_TOO_LONG)
			.withMessage("The message has 11 characters; at most 10 are allowed.");
	}

	@Test
	void lengthIsCountedAfterStrippingAndRemovingControlCharacters() {
		assertThat(text("   " + "a".repeat(MAX_LENGTH) + "\u0000\u0000   ")).isEqualTo("a".repeat(MAX_LENGTH));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\ud83db", "\ude00", "hello \ud83d", "\ude00\ud83d" })
	void anUnpairedSurrogateIsInvalidText(String raw) {
		assertRefused(raw, MAX_LENGTH, ChatErrorCode.INVALID_TEXT).withMessageContaining("unpaired surrogate");
	}

	@Test
	void anUnpairedSurrogateIsReportedBeforeTheLength() {
		assertRefused("\ud83d".repeat(MAX_LENGTH + 1), MAX_LENGTH, ChatErrorCode.INVALID_TEXT);
	}

	private static String text(String raw) {
		return MessageText.of(raw, MAX_LENGTH).value();
	}

	private static ThrowableAssertAlternative<ChatException> assertRefused(String raw, int maxLength,
			ChatErrorCode code) {
		return assertThatExceptionOfType(ChatException.class).isThrownBy(() -> MessageText.of(raw, maxLength))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(code));
	}

}
