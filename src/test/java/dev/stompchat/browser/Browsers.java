package dev.stompchat.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;

import org.springframework.util.FileSystemUtils;

/**
 * The browsers of one test: each page it opens is a new headless Chromium session with a
 * fresh profile, so every person has their own cookies, storage and connection. The
 * installed chromium and chromedriver are used as they are; nothing is downloaded.
 */
final class Browsers implements AutoCloseable {

	static final Dimension DESKTOP = new Dimension(1100, 760);

	private final String baseUrl;

	private final Path chromium;

	private final Path chromedriver;

	private final List<WebDriver> drivers = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	Browsers(String baseUrl, Path chromium, Path chromedriver) {
		this.baseUrl = baseUrl;
		this.chromium = chromium;
		this.chromedriver = chromedriver;
	}

	/** Open the page at a path (with any query) in a new desktop-sized browser. */
	ChatPage open(String path) {
		return open(path, DESKTOP);
	}

	ChatPage open(String path, Dimension windowSize) {
		WebDriver driver = start(windowSize);
		driver.get(this.baseUrl + path);
		return new ChatPage(driver);
	}

	/**
	 * Open the page in a browser that records, in every frame of the page, each violation
	 * of a Content-Security-Policy (see {@link ChatPage#policyViolations()}).
	 */
	ChatPage openRecordingPolicyViolations(String path) {
		ChromeDriver driver = (ChromeDriver) start(DESKTOP);
		// runs in each new document (the SockJS iframes too) before any of its own
		// scripts, and is not subject to the page's policy
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				(() => {
					let store = window;
					try {
						if (window.top.location.origin === window.location.origin) {
							store = window.top;
						}
					}
					catch (ex) {
						// another origin's frame keeps its own record
					}
					document.addEventListener('securitypolicyviolation', (event) => {
						store.policyViolations = store.policyViolations || [];
						store.policyViolations.push(window.location.pathname + ': ' + event.effectiveDirective
								+ ' blocked ' + event.blockedURI);
					});
				})();
				"""));
		driver.get(this.baseUrl + path);
		return new ChatPage(driver);
	}

	private WebDriver start(Dimension windowSize) {
		Path profile = createProfile();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(this.chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-extensions",
				"--disable-sync", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--lang=en-US",
				"--user-data-dir=" + profile,
				"--window-size=" + Math.max(windowSize.getWidth(), 800) + "," + (windowSize.getHeight() + 200));
		// the page's language must come from ?lang=, not from the machine running the
		// tests
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
		// exactly this viewport: a headless window is never narrower than 500 pixels, and
		// its viewport is smaller than the window
		boolean phone = windowSize.getWidth() < 600;
		options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", windowSize.getWidth(),
				"height", windowSize.getHeight(), "pixelRatio", 1.0, "mobile", phone, "touch", phone)));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(this.chromedriver.toFile())
			.usingAnyFreePort()
			.withLogLevel(ChromiumDriverLogLevel.OFF)
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		this.drivers.add(driver);
		return driver;
	}

	private Path createProfile() {
		try {
			Path profile = Files.createTempDirectory("stomp-chat-chromium-");
			this.profiles.add(profile);
			return profile;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (WebDriver driver : this.drivers) {
			try {
				driver.quit();
			}
			catch (RuntimeException ex) {
				// the browser is gone already; the others must still be quit
			}
		}
		this.drivers.clear();
		for (Path profile : this.profiles) {
			try {
				FileSystemUtils.deleteRecursively(profile);
			}
			catch (IOException ex) {
				// a temporary directory; the operating system cleans it up eventually
			}
		}
		this.profiles.clear();
	}

}
