package dev.stompchat.browser;

import java.time.Duration;

import dev.stompchat.browser.ChatPage.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page under its real security headers in Chromium: chatting over WebSocket, over
 * SockJS and over SockJS's iframe transports breaks none of its rules, and an inline
 * script is refused.
 */
@BrowserTest
class ContentSecurityPolicyBrowserTests {

	@Autowired
	ServerConnections server;

	@ParameterizedTest
	@ValueSource(strings = { "sockjs", "websocket", "xhr-streaming" })
	void chattingViolatesNoRuleOfThePolicy(String transport, Browsers browsers) {
		ChatPage alice = browsers.openRecordingPolicyViolations("/?transport=" + transport).connectAs("alice");
		ChatPage bob = browsers.openRecordingPolicyViolations("/?transport=" + transport).connectAs("bob");
		this.server.awaitJoined("alice", "general");
		this.server.awaitJoined("bob", "general");

		alice.say("Hello under the policy");
		bob.awaitEntry("Hello under the policy");
		bob.say("Hello back");
		alice.awaitEntry("Hello back");

		assertThat(alice.policyViolations()).isEmpty();
		assertThat(bob.policyViolations()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "iframe-eventsource, eventsource", "iframe-xhr-polling, xhr", "iframe-htmlfile, htmlfile" })
	void twoPeopleChatOverSockJsIframeTransports(String transport, String receivingPath, Browsers browsers) {
		ChatPage alice = browsers.openRecordingPolicyViolations("/?transport=" + transport).connectAs("alice");
		ChatPage bob = browsers.openRecordingPolicyViolations("/?transport=" + transport).connectAs("bob");
		this.server.awaitJoined("alice", "general");
		this.server.awaitJoined("bob", "general");

		alice.say("Hello through the iframe");
		Entry atBob = bob.awaitEntry("Hello through the iframe");
		bob.say("Hello back");
		Entry atAlice = alice.awaitEntry("Hello back");

		assertThat(atBob.sender()).isEqualTo("alice");
		assertThat(atAlice.sender()).isEqualTo("bob");
		for (String nickname : new String[] { "alice", "bob" }) {
			assertThat(this.server.connectionPathsOf(nickname)).as(nickname + "'s connection")
				.singleElement()
				.asString()
				.endsWith("/" + receivingPath);
		}
		for (ChatPage page : new ChatPage[] { alice, bob }) {
			assertThat(page.requestedUrls()).as("requests of the page")
				.anyMatch((url) -> url.contains("/sockjs/iframe.html"));
			assertThat(page.policyViolations()).isEmpty();
		}
	}

	@Test
	void inlineScriptIsRefusedAndReported(Browsers browsers) {
		ChatPage alice = browsers.openRecordingPolicyViolations("/");

		alice.js("""
				const script = document.createElement('script');
				script.textContent = 'window.inlineScriptRan = true;';
				document.head.append(script);
				""");

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(alice.policyViolations()).singleElement()
				.asString()
				.startsWith("/: script-src-elem blocked inline"));
		assertThat(alice.js("return window.inlineScriptRan === true;")).isEqualTo(false);
	}

}
