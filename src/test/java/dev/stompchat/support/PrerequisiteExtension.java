package dev.stompchat.support;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Skips tests, visibly, when something they need is not installed or not running, and
 * fails them instead when a system property (such as {@code -Drabbitmq.required=true})
 * says that it must be there.
 * <p>
 * Each test aborts on its own and is reported as skipped: Surefire counts a test class
 * aborted before all its tests as no tests at all. The class's {@code @BeforeAll}
 * methods, which would start what is missing, are not run then; fields that they set are
 * left {@code null}, which {@code @AutoClose} passes over.
 */
abstract class PrerequisiteExtension implements BeforeAllCallback, InvocationInterceptor, BeforeEachCallback {

	private final String requiredProperty;

	PrerequisiteExtension(String requiredProperty) {
		this.requiredProperty = requiredProperty;
	}

	/** What is missing, and how to provide it; {@code null} when nothing is. */
	abstract @Nullable String missing();

	@Override
	public void beforeAll(ExtensionContext context) {
		String missing = missing();
		if (missing != null) {
			failIfRequired(missing);
			// the reason of a skip is only in the test reports; say it where people look
			System.err.println("SKIPPED " + context.getDisplayName() + ": " + missing);
		}
	}

	@Override
	public void interceptBeforeAllMethod(Invocation<Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		if (missing() == null) {
			invocation.proceed();
		}
		else {
			invocation.skip();
		}
	}

	// checked again before each test: a broker that a test stopped may not be back
	@Override
	public void beforeEach(ExtensionContext context) {
		String missing = missing();
		if (missing != null) {
			failIfRequired(missing);
			abort(missing);
		}
	}

	private void failIfRequired(String missing) {
		if (Boolean.getBoolean(this.requiredProperty)) {
			fail(missing + " (" + this.requiredProperty + "=true)");
		}
	}

}
