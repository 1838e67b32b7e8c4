package dev.stompchat.browser;

import java.util.List;

import dev.stompchat.browser.ChatPage.Entry;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Chatting on the real page in Chromium: two people, what each of them sees, user text
 * that looks like markup, and an error the server reports.
 */
@BrowserTest
class ChatBrowserTests {

	@Autowired
	ServerConnections server;

	@Test
	void twoPeopleConnectAndSeeTheSameMessageAsSentAndAsReceived(Browsers browsers) {
		ChatPage alice = browsers.open("/");
		ChatPage bob = browsers.open("/");

		alice.connectAs("alice");
		bob.connectAs("bob");
		assertThat(alice.status()).isEqualTo("Connected as alice");
		assertThat(bob.status()).isEqualTo("Connected as bob");
		this.server.awaitJoined("bob", "general");

		alice.say("Hi Bob!");

		Entry atAlice = alice.awaitEntry("Hi Bob!");
		Entry atBob = bob.awaitEntry("Hi Bob!");
		assertThat(atAlice.kind()).isEqualTo("sent");
		assertThat(atAlice.label()).isEqualTo("Sent");
		assertThat(atBob.kind()).isEqualTo("received");
		assertThat(atBob.label()).isEqualTo("Received");
		assertThat(atBob.sender()).isEqualTo("alice");
		assertThat(atBob.id()).isNotBlank().isEqualTo(atAlice.id());
		assertThat(alice.messageBoxText()).isEmpty();
	}

	@Test
	void textThatLooksLikeMarkupIsShownLiterallyAndNeverRuns(Browsers browsers) {
		List<String> texts = List.of("<img src=x onerror=alert(1)>", "<b>bold</b>");
		ChatPage alice = browsers.open("/").connectAs("alice");
		ChatPage bob = browsers.open("/").connectAs("bob");
		this.server.awaitJoined("bob", "general");

		texts.forEach(alice::say);

		for (ChatPage page : List.of(alice, bob)) {
			assertThat(texts).allSatisfy((text) -> assertThat(page.awaitEntry(text).text()).isEqualTo(text));
			assertThat(page.foreignElementsInMessages()).isEmpty();
			assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> page.driver().switchTo().alert());
		}
	}

	@Test
	void messageTooLongForTheServerShowsItsError(Browsers browsers) {
		ChatPage alice = browsers.open("/").connectAs("alice");

		alice.paste("a".repeat(1001));

		Entry error = alice.awaitErrorWithCode("TEXT_TOO_LONG");
		assertThat(error.text()).isEqualTo("The message has 1001 characters; at most 1000 are allowed.");
		assertThat(alice.entries()).extracting(Entry::kind).containsExactly("error");
	}

	@Test
	void keyboardAloneIsEnoughAndFocusFollowsWhatComesNext(Browsers browsers) {
		ChatPage alice = browsers.open("/");

		// Refresh (of the rooms list) is disabled until connected
		assertThat(alice.tabThroughPage()).containsExactly("nickname", "connect", "message", "send", "new-room",
				"open-room-button", "lang-en", "lang-pt-BR");

		alice.element("nickname").sendKeys("alice", Keys.ENTER);
		alice.awaitState("connected");
		alice.until((driver) -> "message".equals(alice.focusedId()), "focus in the message box");
		alice.driver().switchTo().activeElement().sendKeys("typed, not clicked", Keys.ENTER);

		assertThat(alice.awaitEntry("typed, not clicked").kind()).isEqualTo("sent");
		assertThat(alice.focusedId()).isEqualTo("message");

		alice.element("disconnect").sendKeys(Keys.ENTER);
		alice.awaitState("disconnected");
		assertThat(alice.focusedId()).as("focus after closing the connection").isEqualTo("connect");
	}

}
