package dev.stompchat.page;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the page reaches the STOMP endpoint, chosen with the {@code transport} query
 * parameter: SockJS with all its transports (the default), plain WebSocket, or SockJS
 * restricted to one HTTP transport, the iframe-based ones included.
 */
enum Transport {

	SOCKJS("sockjs"), WEBSOCKET("websocket"), XHR_STREAMING("xhr-streaming"), XHR_POLLING("xhr-polling"),
	IFRAME_EVENTSOURCE("iframe-eventsource"), IFRAME_HTMLFILE("iframe-htmlfile"),
	IFRAME_XHR_POLLING("iframe-xhr-polling");

	private final String parameterValue;

	Transport(String parameterValue) {
		this.parameterValue = parameterValue;
	}

	/** The value of the {@code transport} query parameter, also handed to chat.js. */
	String parameterValue() {
		return this.parameterValue;
	}

	/**
	 * The SockJS transports the page may be restricted to: every value but the two
	 * defaults.
	 */
	static List<String> sockJsRestrictions() {
		return Arrays.stream(values())
			.filter((transport) -> transport != SOCKJS && transport != WEBSOCKET)
			.map(Transport::parameterValue)
			.toList();
	}

	static Transport fromParameter(@Nullable String value) {
		return Arrays.stream(values())
			.filter((transport) -> transport.parameterValue.equals(value))
			.findFirst()
			.orElse(SOCKJS);
	}

}
