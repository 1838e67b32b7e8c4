package dev.stompchat.browser;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a room large enough for arrivals and departures to be announced together (above one
 * member here), the page keeps its Online list from PRESENCE messages and adds no entry
 * to the message list for each of them.
 */
@BrowserTest
@TestPropertySource(properties = { "chat.presence.coalesce-above=1", "chat.presence.window=200ms" })
class PresenceBrowserTests {

	@Test
	void onlineListFollowsGatheredArrivalsAndDepartures(Browsers browsers) {
		ChatPage alice = browsers.open("/rooms/crowd").connectAs("alice");
		ChatPage bob = browsers.open("/rooms/crowd").connectAs("bob");
		ChatPage carol = browsers.open("/rooms/crowd").connectAs("carol");

		alice.awaitMembers("alice", "bob", "carol");
		assertThat(alice.membersCount()).isEqualTo("Online (3)");

		bob.disconnect();
		carol.disconnect();

		alice.awaitMembers("alice");
		assertThat(alice.entries()).extracting(ChatPage.Entry::kind).doesNotContain("system");
	}

}
