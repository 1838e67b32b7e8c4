package dev.stompchat.browser;

import java.util.regex.Pattern;

import dev.stompchat.browser.ChatPage.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's connection in Chromium: closing it, losing it to the server, and the SockJS
 * HTTP fallbacks for networks that block WebSocket.
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
