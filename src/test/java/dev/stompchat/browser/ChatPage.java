package dev.stompchat.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page as one person sees it in their browser: what they can do on it and what
 * it shows. Texts are read as the DOM holds them ({@code textContent}), not as CSS
 * renders them (labels are upper-cased on screen).
 */
final class ChatPage {

	static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final By ENTRIES = By.cssSelector("#messages > li");

	private final WebDriver driver;

	ChatPage(WebDriver driver) {
		this.driver = driver;
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * Type a nickname and press Connect, then wait until the page says it is connected.
	 */
	ChatPage connectAs(String nickname) {
		startConnectingAs(nickname);
		awaitState("connected");
		return this;
	}

	void startConnectingAs(String nickname) {
		WebElement input = element("nickname");
		input.clear();
		input.sendKeys(nickname);
		element("connect").click();
	}

	void disconnect() {
		element("disconnect").click();
		awaitState("disconnected");
	}

	/** Type a message and press the send button. */
	void say(String text) {
		element("message").sendKeys(text);
		element("send").click();
	}

	/**
	 * Put text in the message box at once (as a paste would) and press the send button.
	 */
	void paste(String text) {
		js("arguments[0].value = arguments[1];", element("message"), text);
		element("send").click();
	}

	/** Cut the browser off the network, or give it back. */
	void setOffline(boolean offline) {
		ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
		conditions.setOffline(offline);
		((ChromiumDriver) this.driver).setNetworkConditions(conditions);
	}

	String messageBoxText() {
		return element("message").getDomProperty("value");
	}

	String status() {
		return textOf(element("status"));
	}

	String state() {
		return element("status").getDomAttribute("data-state");
	}

	void awaitState(String state) {
		until((driver) -> state.equals(state()), "status data-state=" + state);
	}

	WebElement element(String id) {
		return this.driver.findElement(By.id(id));
	}

	/**
	 * The chat entry showing exactly this text, once it has arrived: for a message of my
	 * own, once the server has confirmed it (no longer pending).
	 */
	Entry awaitEntry(String text) {
		return awaitEntryMatching((entry) -> !entry.isError() && !entry.pending() && text.equals(entry.text()),
				"an entry with text " + text);
	}

	/**
	 * The system entry (JOIN, LEAVE, notices) showing exactly this text, once it is
	 * shown.
	 */
	Entry awaitSystemEntry(String text) {
		return awaitEntryMatching((entry) -> "system".equals(entry.kind()) && text.equals(entry.text()),
				"a system entry " + text);
	}

	/** The nicknames in the Online list. */
	List<String> members() {
		return this.driver.findElements(By.cssSelector("#members > li .member-name"))
			.stream()
			.map(ChatPage::textOf)
			.toList();
	}

	String membersCount() {
		return textOf(element("members-count"));
	}

	/** Wait until the Online list shows exactly these nicknames, in any order. */
	void awaitMembers(String... nicknames) {
		List<String> expected = List.of(nicknames).stream().sorted().toList();
		until((driver) -> members().stream().sorted().toList().equals(expected), "members " + expected);
	}

	/** The error entry with this code (data-code), once it is shown. */
	Entry awaitErrorWithCode(String code) {
		return awaitEntryMatching((entry) -> entry.isError() && code.equals(entry.code()), "an error " + code);
	}

	/** The error entry showing exactly this text, once it is shown. */
	Entry awaitErrorWithText(String text) {
		return awaitEntryMatching((entry) -> entry.isError() && text.equals(entry.text()), "an error " + text);
	}

	List<Entry> entries() {
		return this.driver.findElements(ENTRIES).stream().map(Entry::of).toList();
	}

	/**
	 * Elements inside the message list, other than the ones chat.js creates for entries.
	 */
	List<String> foreignElementsInMessages() {
		return this.driver.findElements(By.cssSelector("#messages *"))
			.stream()
			.map(WebElement::getTagName)
			.filter((tag) -> !List.of("li", "div", "span", "p", "time").contains(tag))
			.toList();
	}

	String focusedId() {
		return (String) js("return document.activeElement ? document.activeElement.id : null;");
	}

	/**
	 * Press Tab from the top of the page until focus leaves it or comes round again.
	 * @return the focused controls in order: ids, or {@code lang-<language>} for the
	 * language links
	 */
	List<String> tabThroughPage() {
		List<String> order = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			this.driver.switchTo().activeElement().sendKeys(Keys.TAB);
			String focused = (String) js("""
					const focused = document.activeElement;
					if (!focused || focused === document.body) {
						return null;
					}
					return focused.id || (focused.lang ? 'lang-' + focused.lang : focused.tagName);
					""");
			if (focused == null || order.contains(focused)) {
				break;
			}
			order.add(focused);
		}
		return order;
	}

	/** From now on, remember every state the status goes through, however briefly. */
	void recordStates() {
		js("""
				window.statesSeen = [];
				const status = document.getElementById('status');
				new MutationObserver(() => window.statesSeen.push(status.dataset.state))
					.observe(status, { attributes: true, attributeFilter: ['data-state'] });
				""");
	}

	@SuppressWarnings("unchecked")
	List<String> statesSeen() {
		return (List<String>) js("return window.statesSeen.slice();");
	}

	/** URLs of the HTTP requests the page has completed (Resource Timing). */
	@SuppressWarnings("unchecked")
	List<String> requestedUrls() {
		return (List<String>) js("return performance.getEntriesByType('resource').map((entry) => entry.name);");
	}

	/**
	 * The Content-Security-Policy violations reported in the page and its frames, for a
	 * page opened with {@link Browsers#openRecordingPolicyViolations(String)}.
	 */
	@SuppressWarnings("unchecked")
	List<String> policyViolations() {
		return (List<String>) js("return (window.policyViolations || []).slice();");
	}

	Object js(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/**
	 * Run a script that passes its result to the callback given as its last argument, and
	 * wait for it.
	 */
	Object asyncJs(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(script, arguments);
	}

	private Entry awaitEntryMatching(Predicate<Entry> condition, String description) {
		return until((driver) -> entries().stream().filter(condition).findFirst().orElse(null), description);
	}

	<T> T until(Function<WebDriver, T> condition, String description) {
		return new WebDriverWait(this.driver, TIMEOUT, Duration.ofMillis(50)).withMessage(description)
			.ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	static String textOf(WebElement element) {
		return element.getDomProperty("textContent");
	}

	/**
	 * One entry of the message list.
	 *
	 * @param kind {@code sent}, {@code received}, {@code error}, {@code system} or
	 * {@code not-sent}
	 * @param classes every class of the entry ({@code pending}, {@code delivered}, ...)
	 */
	record Entry(String id, String kind, String code, String label, String sender, String text, String classes) {

		static Entry of(WebElement li) {
			String classes = li.getDomAttribute("class");
			String kind = List.of("sent", "received", "error", "system", "not-sent")
				.stream()
				.filter((name) -> (" " + classes + " ").contains(" " + name + " "))
				.findFirst()
				.orElse(classes);
			if ("error".equals(kind) || "system".equals(kind)) {
				return new Entry(li.getDomAttribute("data-id"), kind, li.getDomAttribute("data-code"), null, null,
						textOf(li), classes);
			}
			return new Entry(li.getDomAttribute("data-id"), kind, li.getDomAttribute("data-code"),
					part(li, "entry-label").orElse(null), part(li, "entry-sender").orElse(null),
					part(li, "entry-text").orElse(null), classes);
		}

		boolean hasClass(String name) {
			return (" " + this.classes + " ").contains(" " + name + " ");
		}

		boolean pending() {
			return hasClass("pending");
		}

		boolean isError() {
			return "error".equals(this.kind);
		}

		private static Optional<String> part(WebElement li, String className) {
			return li.findElements(By.className(className)).stream().findFirst().map(ChatPage::textOf);
		}

	}

}
