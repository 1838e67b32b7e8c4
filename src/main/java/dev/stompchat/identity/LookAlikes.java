package dev.stompchat.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.SpoofChecker.RestrictionLevel;
import org.jspecify.annotations.Nullable;

/**
 * What lets one nickname pass for another, after Unicode Technical Standard #39 (security
 * mechanisms): the confusable skeleton that look-alike names share, and the mixes of
 * scripts, digits and marks that serve only to imitate.
 * <p>
 * A name wholly in one script passes, whichever script it is; so does Latin with one
 * other recommended script except Cyrillic and Greek (restriction level "moderately
 * restrictive"), such as Latin with Han.
 */
public final class LookAlikes {

	// ICU documents a built SpoofChecker's check and skeleton methods as thread-safe.
	private static final SpoofChecker CHECKER = new SpoofChecker.Builder()
		.setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE | SpoofChecker.MIXED_NUMBERS
				| SpoofChecker.HIDDEN_OVERLAY)
		.setRestrictionLevel(RestrictionLevel.MODERATELY_RESTRICTIVE)
		.build();

	private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

	private static final Normalizer2 NFKD = Normalizer2.getNFKDInstance();

	private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

	private LookAlikes() {
	}

	/**
	 * The key under which two nicknames that look alike are one nickname: the UTS #39
	 * skeleton of the NFKC-normalised, case-folded name.
	 */
	public static String skeleton(String nickname) {
		String skeleton = CHECKER.getSkeleton(NFKC_CASEFOLD.normalize(nickname));
		// A skeleton may hold capitals ("b0b" becomes "bOb"), which the fold before it
		// had already made one with small letters: fold again so that "b0b" meets "bob".
		return NFKC_CASEFOLD.normalize(skeleton);
	}

	/**
	 * What makes a nickname look like an imitation on its own, whoever else is online, or
	 * {@code null}. The sentence says what is wrong without repeating the name.
	 */
	public static @Nullable String problemWith(String nickname) {
		// Checked as it will be compared: a mathematical bold "a" (of no script) is a
		// Latin "a".
		String normalized = NFKC.normalize(nickname);
		// ICU sees a repeated mark only on a decomposed letter ("e" and two diaereses,
		// not "ë" and one), but would take a decomposed Turkish "İ" for a dot over a
		// dotted letter.
		int failed = (failedChecks(normalized) & ~SpoofChecker.INVISIBLE)
				| (failedChecks(NFKD.normalize(nickname)) & SpoofChecker.INVISIBLE);
		if (failed == 0) {
			return null;
		}
		if ((failed & SpoofChecker.RESTRICTION_LEVEL) != 0) {
			List<String> scripts = scriptsIn(normalized);
			String mixed = (scripts.size() < 2) ? "letters of several scripts" : listed(scripts) + " letters";
			return "The nickname mixes " + mixed + ", which could imitate another name: write it in one script.";
		}
		if ((failed & SpoofChecker.MIXED_NUMBERS) != 0) {
			return "The nickname mixes digits of different number systems, which could imitate another name: "
					+ "use one kind of digit.";
		}
		if ((failed & SpoofChecker.INVISIBLE) != 0) {
			return "The nickname repeats a mark on one letter, where the repeat cannot be seen: write each mark once.";
		}
		return "The nickname puts a dot above a letter that already has one, where it cannot be seen: "
				+ "remove the extra dot.";
	}

	private static int failedChecks(String text) {
		SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
		return CHECKER.failsChecks(text, result) ? result.checks : 0;
	}

	private static List<String> scriptsIn(String text) {
		Set<String> scripts = new LinkedHashSet<>();
		text.codePoints()
			.map(UScript::getScript)
			.filter((script) -> script != UScript.COMMON && script != UScript.INHERITED)
			.forEach((script) -> scripts.add(UScript.getName(script).replace('_', ' ')));
		return new ArrayList<>(scripts);
	}

	private static String listed(List<String> names) {
		int last = names.size() - 1;
		return String.join(", ", names.subList(0, last)) + " and " + names.get(last);
	}

}
