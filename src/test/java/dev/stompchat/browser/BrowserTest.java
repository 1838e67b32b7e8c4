package dev.stompchat.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * A test that drives the real application in headless Chromium. Every class so annotated
 * shares one application context; test methods take a {@link Browsers} parameter to open
 * pages, each in its own browser session.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// Selenium warns that it has no DevTools (CDP) support for this Chromium: its DevTools
// API is not used (ChromeDriver#executeCdpCommand goes through chromedriver itself).
// A room's history goes as soon as its last member has left, and members leave at once,
// so that every test starts with empty rooms (BrowserExtension drops every connection
// after each test).
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.org.openqa.selenium=ERROR", "chat.history.idle-timeout=1ms",
				"chat.presence.leave-grace=0s" })
@Import(ServerConnections.class)
@ExtendWith(BrowserExtension.class)
@interface BrowserTest {

}
