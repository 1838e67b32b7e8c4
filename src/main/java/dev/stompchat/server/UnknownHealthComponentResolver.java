package dev.stompchat.server;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers 404 to a health path below a name that is no component, such as
 * {@code /actuator/health/nope/more}. Spring Boot's health endpoint answers
 * {@code /actuator/health/nope} with 404, but one segment further it fails its own
 * assertion ({@code 'contributor' must not be null}), an {@link IllegalStateException}
 * that would be a 500 with a stack trace. A health indicator's own failures never get
 * here: Spring Boot turns them into a DOWN status.
 */
@Component
class UnknownHealthComponentResolver implements HandlerExceptionResolver, Ordered {

	private static final EndpointId HEALTH = EndpointId.of("health");

	private final ObjectProvider<PathMappedEndpoints> endpoints;

	UnknownHealthComponentResolver(ObjectProvider<PathMappedEndpoints> endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!(ex instanceof IllegalStateException) || !isBelowHealth(request)) {
			return null;
		}
		try {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}
		catch (IOException sendFailed) {
			return null;
		}
		return new ModelAndView();
	}

	private boolean isBelowHealth(HttpServletRequest request) {
		PathMappedEndpoints mapped = this.endpoints.getIfAvailable();
		String health = (mapped != null) ? mapped.getPath(HEALTH) : null;
		return health != null && request.getRequestURI().startsWith(request.getContextPath() + health + "/");
	}

	/**
	 * Before Spring MVC's own resolvers, which leave an IllegalStateException unresolved.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
