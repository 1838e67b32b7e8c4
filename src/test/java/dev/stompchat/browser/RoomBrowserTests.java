package dev.stompchat.browser;

import java.util.List;

import dev.stompchat.browser.ChatPage.Entry;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room around the messages in Chromium: who is online, the history a newcomer sees,
 * what a page missed while it was offline, receipts of sent messages and the room
 * switcher. Each test uses its own room.
 */
@BrowserTest
class RoomBrowserTests {

	@Autowired
	ServerConnections server;

	@Test
	void membersAreListedAndJoiningAndLeavingAreShown(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/presence").connectAs("alice");
		this.server.awaitJoined("alice", "presence");
		alice.awaitMembers("alice");
		assertThat(alice.membersCount()).isEqualTo("Online (1)");

		ChatPage bob = browsers.open("/rooms/presence").connectAs("bob");

		assertThat(alice.awaitSystemEntry("bob joined").id()).isNotBlank();
		alice.awaitMembers("alice", "bob");
		assertThat(alice.membersCount()).isEqualTo("Online (2)");
		bob.awaitMembers("alice", "bob");
		assertThat(bob.entries()).as("my own JOIN is not news to me")
			.extracting(Entry::text)
			.doesNotContain("bob joined");

		bob.disconnect();

		alice.awaitSystemEntry("bob left");
		alice.awaitMembers("alice");
		assertThat(alice.membersCount()).isEqualTo("Online (1)");
	}

	@Test
	void newcomerSeesTheRoomsHistoryInOrderAndOnce(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/history").connectAs("alice");
		alice.say("First message");
		alice.awaitEntry("First message");
		alice.say("Second message");
		alice.awaitEntry("Second message");

		ChatPage bob = browsers.open("/rooms/history").connectAs("bob");
		bob.awaitEntry("Second message");

		List<Entry> chat = chatEntries(bob);
		assertThat(chat).extracting(Entry::text).containsExactly("First message", "Second message");
		assertThat(chat).extracting(Entry::kind).containsOnly("received");
		assertThat(chat).extracting(Entry::sender).containsOnly("alice");
		assertIdsRiseWithoutDuplicates(bob);

		// the same person, back in another browser once the first has let the nickname
		// go, sees their own messages as Sent
		alice.disconnect();
		ChatPage aliceElsewhere = browsers.open("/rooms/history").connectAs("alice");
		aliceElsewhere.awaitEntry("Second message");
		assertThat(chatEntries(aliceElsewhere)).extracting(Entry::kind).containsExactly("sent", "sent");
	}

	@Test
	void afterBeingOfflineThePageReconnectsByItselfAndShowsWhatItMissedExactlyOnce(Browsers browsers) {
		List<String> missed = List.of("While you were away 1", "While you were away 2", "While you were away 3");
		ChatPage alice = browsers.open("/rooms/recovery").connectAs("alice");
		ChatPage bob = browsers.open("/rooms/recovery").connectAs("bob");
		this.server.awaitJoined("bob", "recovery");
		alice.say("Before the drop");
		bob.awaitEntry("Before the drop");

		bob.setOffline(true);
		assertThat(this.server.dropConnectionsOf("bob")).isEqualTo(1);
		bob.awaitState("connecting");
		alice.awaitSystemEntry("bob left");
		for (String text : missed) {
			alice.say(text);
			alice.awaitEntry(text);
		}
		assertThat(bob.entries()).extracting(Entry::text).doesNotContainAnyElementsOf(missed);

		bob.setOffline(false);

		bob.awaitState("connected");
		missed.forEach(bob::awaitEntry);
		this.server.awaitJoined("bob", "recovery");
		alice.say("After the return");
		bob.awaitEntry("After the return");

		List<Entry> chat = chatEntries(bob);
		assertThat(chat).extracting(Entry::text)
			.containsExactly("Before the drop", "While you were away 1", "While you were away 2",
					"While you were away 3", "After the return");
		assertThat(chat).extracting(Entry::kind).containsOnly("received");
		assertIdsRiseWithoutDuplicates(bob);
		assertThat(bob.entries()).extracting(Entry::kind)
			.as("no gap notice, no error")
			.doesNotContain("error")
			.filteredOn("system"::equals)
			.isEmpty();
	}

	@Test
	void whatTheServerNoLongerHasIsAnnouncedAsAGap(Browsers browsers) {
		ChatPage bob = browsers.open("/rooms/gap").connectAs("bob");
		bob.say("Anyone here?");
		bob.awaitEntry("Anyone here?");
		bob.setOffline(true);
		this.server.dropConnectionsOf("bob");
		bob.awaitState("connecting");

		// with nobody left in the room its history goes (chat.history.idle-timeout of the
		// browser tests)
		ChatPage alice = browsers.open("/rooms/gap").connectAs("alice");
		alice.say("Sorry, I missed you");
		alice.awaitEntry("Sorry, I missed you");
		assertThat(alice.entries()).extracting(Entry::text).as("history gone").doesNotContain("Anyone here?");

		bob.setOffline(false);

		bob.awaitEntry("Sorry, I missed you");
		bob.awaitSystemEntry("Some messages could not be recovered.");
		assertThat(bob.entries()).extracting(Entry::text)
			.containsExactly("Anyone here?", "Some messages could not be recovered.", "Sorry, I missed you");
	}

	@Test
	void sentMessagesAreConfirmedAndRefusedOnesDoNotStayPending(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/receipts").connectAs("alice");

		alice.say("Please confirm");

		Entry confirmed = alice.awaitEntry("Please confirm");
		assertThat(confirmed.kind()).isEqualTo("sent");
		assertThat(confirmed.hasClass("delivered")).isTrue();
		assertThat(confirmed.label()).isEqualTo("Sent");
		assertThat(confirmed.id()).isNotBlank();

		String tooLong = "b".repeat(1001);
		alice.paste(tooLong);

		alice.awaitErrorWithCode("TEXT_TOO_LONG");
		assertThat(alice.entries()).noneMatch(Entry::pending).extracting(Entry::text).doesNotContain(tooLong);
		assertThat(alice.messageBoxText()).as("the refused text is given back").isEqualTo(tooLong);
		assertThat(chatEntries(alice)).hasSize(1);
	}

	@Test
	void ownMessagesWithAnyWhitespaceShowOnceWithTheirIdWhenTheReceiptComesFirst(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/receipt-first");
		deliverInOrder(alice, "RECEIPT");

		sendAndAwaitEachOnceWithItsId(alice.connectAs("alice"));
	}

	@Test
	void ownMessagesWithAnyWhitespaceShowOnceWithTheirIdWhenTheBroadcastComesFirst(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/broadcast-first");
		deliverInOrder(alice, "MESSAGE");

		sendAndAwaitEachOnceWithItsId(alice.connectAs("alice"));
	}

	@Test
	void messageLostWithTheConnectionIsMarkedNotSentAndCanBeRetried(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/lost").connectAs("alice");
		this.server.awaitJoined("alice", "lost");
		// from now on the frames the page sends get lost on the way, as on a dying
		// network
		alice.js("window.realSend = SockJS.prototype.send; SockJS.prototype.send = function () {};");

		alice.say("Lost on the way");
		alice.until((driver) -> alice.entries().stream().anyMatch(Entry::pending), "a pending entry");
		assertThat(this.server.dropConnectionsOf("alice")).isEqualTo(1);

		Entry lost = alice.until((driver) -> alice.entries()
			.stream()
			.filter((entry) -> "not-sent".equals(entry.kind()))
			.findFirst()
			.orElse(null), "a Not sent entry");
		assertThat(lost.label()).isEqualTo("Not sent");
		assertThat(lost.text()).isEqualTo("Lost on the way");
		assertThat(lost.id()).isNull();

		alice.js("SockJS.prototype.send = window.realSend;");
		alice.awaitState("connected");
		assertThat(alice.messageBoxText()).isEmpty();
		alice.driver().findElement(By.cssSelector("#messages li.not-sent button")).click();
		assertThat(alice.messageBoxText()).isEqualTo("Lost on the way");
		assertThat(alice.entries()).extracting(Entry::kind).doesNotContain("not-sent");
	}

	@Test
	void roomSwitcherListsActiveRoomsAndOpensAnother(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/switcher?lang=en").connectAs("alice");
		this.server.awaitJoined("alice", "switcher");

		WebElement link = alice.until((driver) -> driver.findElements(By.cssSelector("#rooms a"))
			.stream()
			.filter((candidate) -> "#switcher".equals(ChatPage.textOf(candidate)))
			.findFirst()
			.orElse(null), "a link to #switcher");
		assertThat(link.getDomAttribute("href")).isEqualTo("/rooms/switcher?lang=en");

		WebElement input = alice.element("new-room");
		input.sendKeys("Not A Room");
		alice.element("open-room-button").click();
		assertThat(alice.element("new-room-hint").isDisplayed()).isTrue();
		assertThat(alice.driver().getCurrentUrl()).endsWith("/rooms/switcher?lang=en");

		input.clear();
		input.sendKeys("another-room");
		alice.element("open-room-button").click();

		alice.until((driver) -> driver.getCurrentUrl().endsWith("/rooms/another-room?lang=en"), "the other room");
		assertThat(alice.driver().getTitle()).startsWith("#another-room");
	}

	/**
	 * Texts whose start, end or inside the server and JavaScript treat differently:
	 * Java's strip() keeps a non-breaking space that JavaScript's trim() takes away, and
	 * the server removes control characters. A one-line input cannot hold a line feed, so
	 * the line breaks inside are a line separator and a next line (a control character).
	 */
	private static final List<String> WHITESPACE_TEXTS = List.of("   leading spaces", "trailing spaces   ",
			"\ttabs\taround\t", "\u00a0non-breaking spaces\u00a0", "\u3000ideographic spaces\u3000",
			" \t\u00a0\u3000 all of them \u3000\u00a0\t ", "inner   spaces\t\tand tabs", "line\u2028separator inside",
			"next\u0085line inside", "\u0007a bell removed\u0007");

	private static void sendAndAwaitEachOnceWithItsId(ChatPage page) {
		List<String> expected = WHITESPACE_TEXTS.stream().map(RoomBrowserTests::asTheServerKeepsIt).toList();
		WHITESPACE_TEXTS.forEach(page::paste);

		// a message shown twice would leave one copy pending, or without its id, for ever
		List<Entry> chat = page.until((driver) -> {
			List<Entry> entries = chatEntries(page);
			boolean settled = entries.size() >= expected.size()
					&& entries.stream().allMatch((entry) -> entry.id() != null && !entry.pending())
					&& entries.stream().map(Entry::text).toList().equals(expected);
			return settled ? entries : null;
		}, "every message sent once with its id, none pending");

		assertThat(chat).extracting(Entry::text)
			.as("each message once, as the room has it")
			.containsExactlyElementsOf(expected);
		assertThat(chat).allSatisfy((entry) -> {
			assertThat(entry.kind()).isEqualTo("sent");
			assertThat(entry.hasClass("delivered")).isTrue();
			assertThat(entry.label()).isEqualTo("Sent");
		});
		assertIdsRiseWithoutDuplicates(page);
		assertThat(page.entries()).extracting(Entry::kind).doesNotContain("error", "not-sent");
	}

	// control characters other than newline and tab removed, then strip(): MessageText
	private static String asTheServerKeepsIt(String text) {
		return text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
	}

	/**
	 * From now on the page's SockJS connections hand the page each message of its own and
	 * that message's RECEIPT in this order ({@code RECEIPT} or {@code MESSAGE} first),
	 * holding back whichever of the two comes first from the server otherwise.
	 */
	private static void deliverInOrder(ChatPage page, String first) {
		page.js("""
				const first = arguments[0];
				const seen = new Set();
				const heldBack = new Map();
				function parse(data) {
					const text = (typeof data === 'string') ? data.replace(/^[\\r\\n]+/, '') : '';
					const end = text.indexOf('\\n\\n');
					if (end < 0) {
						return null;
					}
					const lines = text.slice(0, end).split('\\n');
					if (lines[0] === 'RECEIPT') {
						const header = lines.find((line) => line.startsWith('message-id:'));
						return header ? { command: 'RECEIPT', id: header.slice('message-id:'.length) } : null;
					}
					if (lines[0] === 'MESSAGE') {
						try {
							const body = JSON.parse(text.slice(end + 2).replace(/\\0[\\s\\S]*$/, ''));
							return (body.type === 'CHAT') ? { command: 'MESSAGE', id: String(body.id) } : null;
						}
						catch (ex) {
							return null;
						}
					}
					return null;
				}
				function deliver(handler, socket, event) {
					const frame = parse(event.data);
					if (!frame) {
						handler.call(socket, event);
					}
					else if (frame.command !== first && !seen.has(frame.id)) {
						heldBack.set(frame.id, event);
					}
					else {
						seen.add(frame.id);
						handler.call(socket, event);
						const later = heldBack.get(frame.id);
						if (later) {
							heldBack.delete(frame.id);
							handler.call(socket, later);
						}
					}
				}
				Object.defineProperty(SockJS.prototype, 'onmessage', {
					configurable: true,
					get() {
						return this.reorderedOnMessage || null;
					},
					set(handler) {
						const socket = this;
						this.reorderedOnMessage = handler ? (event) => deliver(handler, socket, event) : null;
					},
				});
				""", first);
	}

	private static List<Entry> chatEntries(ChatPage page) {
		return page.entries().stream().filter((entry) -> "CHAT".equals(type(page, entry))).toList();
	}

	private static String type(ChatPage page, Entry entry) {
		return (entry.kind().equals("sent") || entry.kind().equals("received")) ? "CHAT" : entry.kind();
	}

	private static void assertIdsRiseWithoutDuplicates(ChatPage page) {
		List<Long> ids = page.entries().stream().map(Entry::id).filter((id) -> id != null).map(Long::valueOf).toList();
		assertThat(ids).doesNotHaveDuplicates().isSorted();
	}

}
