package dev.stompchat.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.stompchat.browser.ChatPage.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page's connection in Chromium: closing it, losing it to the server, the jitter of
 * its reconnection delays, and the SockJS HTTP fallbacks for networks that block
 * WebSocket.
 */
@BrowserTest
class ConnectionBrowserTests {

	private static final Pattern SOCKJS_XHR_SEND = Pattern.compile(".*/sockjs/[^/]+/[^/]+/xhr_send(\\?.*)?");

	@Autowired
	ServerConnections server;

	@Test
	void afterClosingTheConnectionNothingIsSentUntilThePersonConnectsAgain(Browsers browsers) {
		ChatPage alice = browsers.open("/").connectAs("alice");
		ChatPage bob = browsers.open("/").connectAs("bob");

		alice.disconnect();

		assertThat(alice.status()).isEqualTo("Disconnected");
		assertThat(alice.element("connect").isEnabled()).isTrue();
		assertThat(alice.element("disconnect").isEnabled()).isFalse();

		alice.say("Anyone there?");

		assertThat(alice.awaitErrorWithText("Not sent: not connected").code()).isEqualTo("NOT_CONNECTED");
		assertThat(alice.messageBoxText()).as("the unsent text is kept").isEqualTo("Anyone there?");

		alice.element("connect").click();
		alice.awaitState("connected");
		this.server.awaitJoined("bob", "general");
		alice.element("send").click();

		assertThat(bob.awaitEntry("Anyone there?").sender()).isEqualTo("alice");
		assertThat(alice.awaitEntry("Anyone there?").kind()).isEqualTo("sent");
	}

	@Test
	void whenTheServerDropsTheConnectionThePageReconnectsByItself(Browsers browsers) {
		ChatPage alice = browsers.open("/").connectAs("alice");
		ChatPage bob = browsers.open("/").connectAs("bob");
		this.server.awaitJoined("alice", "general");
		alice.recordStates();

		assertThat(this.server.dropConnectionsOf("alice")).isEqualTo(1);

		alice.until((driver) -> alice.statesSeen().contains("connecting") && "connected".equals(alice.state()),
				"connecting, then connected again");
		assertThat(alice.statesSeen()).as("states shown")
			.containsSubsequence("connecting", "connected")
			.doesNotContain("disconnected");
		assertThat(alice.status()).isEqualTo("Connected as alice");
		this.server.awaitJoined("alice", "general");
		this.server.awaitJoined("bob", "general");

		alice.say("Back again");
		bob.say("Welcome back");

		assertThat(bob.awaitEntry("Back again").kind()).isEqualTo("received");
		assertThat(alice.awaitEntry("Welcome back").kind()).isEqualTo("received");
	}

	@Test
	void closingTheConnectionWhileThePageWaitsToReconnectStopsIt(Browsers browsers) {
		ChatPage alice = browsers.open("/").connectAs("alice");
		this.server.awaitJoined("alice", "general");
		// offline, every attempt fails at once and the page keeps waiting for the next
		alice.setOffline(true);
		assertThat(this.server.dropConnectionsOf("alice")).isEqualTo(1);
		alice.awaitState("connecting");

		alice.disconnect();
		alice.setOffline(false);

		// longer than the wait for the next attempts would be
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> "disconnected".equals(alice.state()) && this.server.connectionPathsOf("alice").isEmpty());
		assertThat(alice.status()).isEqualTo("Disconnected");
	}

	@Test
	void reconnectionDelaysAreRandomWithinTheUpperHalfOfTheDoublingBase(Browsers browsers) {
		ChatPage page = browsers.open("/");

		// the module the page imports, from the same URL, so the same module instance
		@SuppressWarnings("unchecked")
		Map<String, Object> answer = (Map<String, Object>) page.asyncJs(
				"""
						const done = arguments[arguments.length - 1];
						import('/js/reconnect.js').then((module) => {
							const spread = (attempt) => {
								const delays = Array.from({ length: 1000 }, () => module.reconnectDelay(attempt));
								return { min: Math.min(...delays), max: Math.max(...delays), distinct: new Set(delays).size };
							};
							done({ spreads: [0, 1, 3, 5, 30].map(spread), first: module.FIRST_DELAY_MS, max: module.MAX_DELAY_MS });
						}, (error) => done({ error: String(error) }));
						""");

		assertThat(answer).doesNotContainKey("error").containsEntry("first", 500L).containsEntry("max", 15000L);
		List<Map<String, Long>> spreads = spreads(answer);
		long[] bases = { 500, 1000, 4000, 15000, 15000 };
		for (int i = 0; i < bases.length; i++) {
			long base = bases[i];
			Map<String, Long> spread = spreads.get(i);
			assertThat(spread.get("min")).as("shortest of 1000 delays, base %d", base).isGreaterThanOrEqualTo(base / 2);
			assertThat(spread.get("max")).as("longest of 1000 delays, base %d", base).isLessThanOrEqualTo(base);
			assertThat(spread.get("max") - spread.get("min")).as("spread, base %d", base)
				.isGreaterThanOrEqualTo(base / 4);
			assertThat(spread.get("distinct")).as("different delays, base %d", base).isGreaterThan(1);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Long>> spreads(Map<String, Object> answer) {
		return (List<Map<String, Long>>) answer.get("spreads");
	}

	@ParameterizedTest
	@ValueSource(strings = { "xhr-streaming", "xhr-polling" })
	void chattingWorksBothWaysOverSockJsHttpFallback(String transport, Browsers browsers) {
		ChatPage alice = browsers.open("/?transport=" + transport).connectAs("alice");
		ChatPage bob = browsers.open("/?transport=" + transport).connectAs("bob");
		this.server.awaitJoined("alice", "general");
		this.server.awaitJoined("bob", "general");

		alice.say("Hello over " + transport);
		Entry atBob = bob.awaitEntry("Hello over " + transport);
		bob.say("Hello back");
		Entry atAlice = alice.awaitEntry("Hello back");

		assertThat(atBob.kind()).isEqualTo("received");
		assertThat(atAlice.kind()).isEqualTo("received");
		for (ChatPage page : new ChatPage[] { alice, bob }) {
			assertThat(page.requestedUrls()).as("requests of the page")
				.anyMatch((url) -> SOCKJS_XHR_SEND.matcher(url).matches())
				.noneMatch((url) -> url.contains("/websocket"));
		}
	}

}
