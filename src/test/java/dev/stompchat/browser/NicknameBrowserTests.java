package dev.stompchat.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nickname belongs to whoever holds it: another tab of the same browser may use it,
 * thanks to the token the page keeps, and another person may not.
 */
@BrowserTest
class NicknameBrowserTests {

	@Test
	void secondTabOfTheSameBrowserSharesTheNicknameAndSomeoneElseIsTurnedAway(Browsers browsers) {
		ChatPage alice = browsers.open("/").connectAs("alice");
		WebDriver driver = alice.driver();
		String page = driver.getCurrentUrl();

		driver.switchTo().newWindow(WindowType.TAB).get(page);
		ChatPage secondTab = new ChatPage(driver).connectAs("alice");
		assertThat(secondTab.status()).isEqualTo("Connected as alice");

		ChatPage impostor = browsers.open("/");
		impostor.startConnectingAs("Alice");
		assertThat(impostor.awaitErrorWithText("Nickname 'Alice' is taken: choose another one.")).isNotNull();
		impostor.awaitState("disconnected");
	}

}
