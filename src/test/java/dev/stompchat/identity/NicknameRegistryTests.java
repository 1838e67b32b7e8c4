package dev.stompchat.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which nicknames the {@link NicknameRegistry} takes for one another, and which it will
 * not grant because they mix scripts, digits or marks to imitate another name; no server.
 */
class NicknameRegistryTests {

	private final NicknameRegistry registry = new NicknameRegistry();

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "alice       | аlice", // Cyrillic а
			"alice       | ＡＬＩＣＥ", // full width
			"alice       | ALICE", "alice       | 𝐚𝐥𝐢𝐜𝐞", // mathematical bold
			"m           | rn", "modern      | rnodern", "bob         | b0b", "user1       | userl",
			"paypal      | раураl", // Cyrillic р, а, у, а
			"ace         | асе", // wholly Cyrillic
			"Straße      | STRASSE" })
	void lookAlikesHaveOneKey(String one, String other) {
		assertThat(NicknameRegistry.key(other)).isEqualTo(NicknameRegistry.key(one));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "alice | alicia", "Maria | Мария", "José | Jose", "alice bob | alicebob", "李小龍 | 李小龙" })
	void namesThatDoNotLookAlikeKeepTheirOwnKeys(String one, String other) {
		assertThat(NicknameRegistry.key(other)).isNotEqualTo(NicknameRegistry.key(one));
	}

	@Test
	void lookAlikeInAnotherScriptOfAHeldNicknameIsTaken() {
		this.registry.claim(new Nickname("alice"), null, "s1");

		assertThatExceptionOfType(NicknameTakenException.class)
			.isThrownBy(() -> this.registry.claim(new Nickname("аlice"), null, "s2"))
			.withMessage("Nickname 'аlice' is taken: choose another one.");
	}

	@Test
	void collapsedSpellingOfAHeldNicknameIsTaken() {
		this.registry.claim(Nickname.parse("alice bob"), null, "s1");

		assertThatExceptionOfType(NicknameTakenException.class)
			.isThrownBy(() -> this.registry.claim(Nickname.parse("alice  bob"), null, "s2"))
			.withMessage("Nickname 'alice bob' is taken: choose another one.");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "pаypal | Latin and Cyrillic", "аlice | Cyrillic and Latin", "Δelta | Greek and Latin",
					"Мαрия | Cyrillic and Greek", "𝐚дмин | Latin and Cyrillic",
					"Jоhn Ωmega | Latin, Cyrillic and Greek" })
	void mixedScriptsThatNobodyHoldsAreRefusedNamingTheScripts(String name, String scripts) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.claim(new Nickname(name), null, "s1"))
			.withMessage("The nickname mixes " + scripts
					+ " letters, which could imitate another name: write it in one script.");
		assertThat(this.registry.tokenOf("s1")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ali 李", "Kim 김철수", "Tanaka 田中たなか", "Мария", "李小龍", "Ωμέγα", "José", "Nguyễn Thị Ánh",
			"محمد", "राज", "สมชาย", "İlkay", "anna-maria_1.x" })
	void namesInOneScriptOrLatinWithOneOtherThanCyrillicAndGreekAreGrantedAsSpelt(String name) {
		NicknameClaims.Claim claim = this.registry.claim(new Nickname(name), null, "s1");

		assertThat(claim.nickname().value()).isEqualTo(name);
	}

	@Test
	void digitsOfTwoNumberSystemsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.registry.claim(new Nickname("agent 00\u0667"), null, "s1"))
			.withMessage("The nickname mixes digits of different number systems, which could imitate another name: "
					+ "use one kind of digit.");
	}

	@Test
	void sameMarkTwiceOnALetterIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.registry.claim(new Nickname("zoe\u0308\u0308"), null, "s1"))
			.withMessage("The nickname repeats a mark on one letter, where the repeat cannot be seen: "
					+ "write each mark once.");
	}

	@Test
	void dotAboveALetterThatHasOneIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.registry.claim(new Nickname("li\u0307sa"), null, "s1"))
			.withMessage("The nickname puts a dot above a letter that already has one, where it cannot be seen: "
					+ "remove the extra dot.");
	}

	@Test
	void holderOfANicknameMayConnectAgainUnderALookAlikeWithItsTokenAndKeepsItsSpelling() {
		NicknameClaims.Claim first = this.registry.claim(new Nickname("alice"), null, "s1");

		NicknameClaims.Claim second = this.registry.claim(new Nickname("аlice"), first.token(), "s2");

		assertThat(second.nickname().value()).isEqualTo("alice");
	}

	@Test
	void mixedScriptLookAlikeIsRefusedAsSuchOnceTheHolderHasLeft() {
		this.registry.claim(new Nickname("alice"), null, "s1");
		this.registry.release("s1");

		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.claim(new Nickname("аlice"), null, "s2"))
			.withMessageStartingWith("The nickname mixes Cyrillic and Latin letters");
	}

}
