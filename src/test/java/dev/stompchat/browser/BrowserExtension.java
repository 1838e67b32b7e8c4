package dev.stompchat.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
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
class BrowserExtension implements BeforeAllCallback, ParameterResolver, AfterEachCallback {

	static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));

	static final String INSTALL_HINT = "install them with 'apt-get install -y chromium chromium-driver'";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BrowserExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		List<Path> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter((path) -> !Files.isExecutable(path)).toList();
		if (missing.isEmpty()) {
			return;
		}
		String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (missing: " + missing + "): "
				+ INSTALL_HINT;
		if (Boolean.getBoolean("e2e.required")) {
			fail(message + " (e2e.required=true)");
		}
		abort(message);
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
