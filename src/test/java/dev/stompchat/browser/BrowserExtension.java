package dev.stompchat.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Skips the browser tests, visibly, where Chromium or its driver is not installed (or
 * fails them with {@code -De2e.required=true}), hands each test a {@link Browsers}, and
 * afterwards quits every browser the test opened and drops what is left of their
 * connections.
 */
class BrowserExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, AfterEachCallback {

	static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));

	static final String INSTALL_HINT = "install them with 'apt-get install -y chromium chromium-driver'";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BrowserExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		String missing = missingBrowser();
		if (missing == null) {
			return;
		}
		if (Boolean.getBoolean("e2e.required")) {
			fail(missing + " (e2e.required=true)");
		}
		// the reason of a skip is only in the test reports; say it where people look
		System.err.println("SKIPPED " + context.getDisplayName() + ": " + missing);
	}

	// Surefire counts a test class aborted in beforeAll as no tests at all, so each test
	// aborts on its own and is reported as skipped.
	@Override
	public void beforeEach(ExtensionContext context) {
		String missing = missingBrowser();
		if (missing != null) {
			abort(missing);
		}
	}

	private static String missingBrowser() {
		List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter((path) -> !Files.isExecutable(path)).toList();
		if (missing.isEmpty()) {
			return null;
		}
		return "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (missing: " + missing + "): "
				+ INSTALL_HINT;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == Browsers.class;
	}

	@Override
	public Browsers resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getStore(NAMESPACE).computeIfAbsent(Browsers.class, (key) -> {
			int port = SpringExtension.getApplicationContext(extensionContext)
				.getEnvironment()
				.getRequiredProperty("local.server.port", Integer.class);
			return new Browsers("http://localhost:" + port, CHROMIUM, CHROMEDRIVER);
		}, Browsers.class);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Browsers browsers = context.getStore(NAMESPACE).remove(Browsers.class, Browsers.class);
		if (browsers != null) {
			browsers.close();
			// the next test starts with nobody connected
			SpringExtension.getApplicationContext(context).getBean(ServerConnections.class).dropAll();
		}
	}

}
