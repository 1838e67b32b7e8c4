package dev.stompchat.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Screenshots of the real page for the documentation, written to {@code docs/images/}.
 * Not part of the normal build; regenerate them with
 * {@code ./mvnw test -Dtest=PageScreenshots -Dscreenshots=true}.
 */
@BrowserTest
@EnabledIfSystemProperty(named = "screenshots", matches = "true")
class PageScreenshots {

	static final Path IMAGES = Path.of("docs", "images");

	static final Dimension PHONE = new Dimension(390, 844);

	@Autowired
	ServerConnections server;

	@Test
	void englishPageInEveryState(Browsers browsers) throws IOException {
		ChatPage alice = browsers.open("/");
		ChatPage bob = browsers.open("/");
		alice.connectAs("alice");
		save(alice, "connected.png");

		bob.connectAs("bob");
		converse(alice, bob, "general", "Hi Bob! Did the deploy go out?", "Yes, about ten minutes ago. All green.",
				"Great, thanks! I'll tell the team.");
		save(alice, "conversation.png");

		goOffline(bob);
		this.server.dropConnectionsOf("bob");
		bob.awaitState("connecting");
		save(bob, "connecting.png");

		alice.disconnect();
		save(alice, "disconnected.png");

		alice.say("Are you still there?");
		alice.awaitErrorWithCode("NOT_CONNECTED");
		save(alice, "not-sent.png");
	}

	@Test
	void portuguesePage(Browsers browsers) throws IOException {
		ChatPage alice = browsers.open("/?lang=pt-BR").connectAs("alice");
		ChatPage bob = browsers.open("/?lang=pt-BR").connectAs("bob");
		converse(alice, bob, "general", "Oi, Bob! Tudo certo com a entrega?", "Tudo certo, já está no ar.",
				"Ótimo, obrigada!");
		save(alice, "portuguese.png");
	}

	@Test
	void phoneSizedWindow(Browsers browsers) throws IOException {
		ChatPage alice = browsers.open("/", PHONE).connectAs("alice");
		ChatPage bob = browsers.open("/").connectAs("bob");
		converse(alice, bob, "general", "On my phone now. Lunch at noon?", "Sounds good, see you at the usual place.",
				"See you there!");
		save(alice, "phone.png");
	}

	/** Alice and Bob take turns, starting with Alice; every message reaches both. */
	private void converse(ChatPage alice, ChatPage bob, String room, String... texts) {
		this.server.awaitJoined("alice", room);
		this.server.awaitJoined("bob", room);
		for (int i = 0; i < texts.length; i++) {
			ChatPage speaker = (i % 2 == 0) ? alice : bob;
			speaker.say(texts[i]);
			alice.awaitEntry(texts[i]);
			bob.awaitEntry(texts[i]);
		}
	}

	// keeps the page reconnecting, so that its "Connecting…" state lasts long enough to
	// be captured
	private static void goOffline(ChatPage page) {
		ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
		offline.setOffline(true);
		((ChromiumDriver) page.driver()).setNetworkConditions(offline);
	}

	private static void save(ChatPage page, String name) throws IOException {
		Files.createDirectories(IMAGES);
		Files.write(IMAGES.resolve(name), ((TakesScreenshot) page.driver()).getScreenshotAs(OutputType.BYTES));
	}

}
