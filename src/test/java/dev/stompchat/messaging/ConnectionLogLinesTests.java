package dev.stompchat.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection log's lines, from events built by hand: what the closed line says, and
 * that Spring's repeated disconnect events for one session make one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLogLinesTests {

	private final ConnectionLog log = new ConnectionLog();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	@Test
	void aSessionClosedTwiceIsLoggedOnce(CapturedOutput output) {
		new LoggedConnection("websocket", "127.0.0.1:5000", System.nanoTime()).keepIn(this.attributes);

		this.log.closed(disconnect("closed-twice", CloseStatus.SESSION_NOT_RELIABLE));
		this.log.closed(disconnect("closed-twice", CloseStatus.NORMAL));

		assertThat(output.getOut().lines().filter((line) -> line.contains("session=closed-twice "))).singleElement()
			.asString()
			.contains("Connection closed: session=closed-twice transport=websocket remote=127.0.0.1:5000 duration=PT")
			.endsWith(" status=4500 reason=\"Failed to send message within the configured send limit\"");
	}

	@Test
	void aReasonTheClientGaveIsQuotedAndMadePrintable(CapturedOutput output) {
		new LoggedConnection("sockjs-xhr-polling", "[0:0:0:0:0:0:0:1]:5000", System.nanoTime()).keepIn(this.attributes);

		this.log.closed(disconnect("with-reason", new CloseStatus(4000, "bye \"now\"\nINFO forged line")));

		assertThat(output.getOut()).contains(
				"Connection closed: session=with-reason transport=sockjs-xhr-polling remote=[0:0:0:0:0:0:0:1]:5000 duration=PT",
				" status=4000 reason=\"bye \\\"now\\\"?INFO forged line\"")
			.doesNotContain("\nINFO forged line");
	}

	@Test
	void aSessionNotSeenAtTheHandshakeIsNotLogged(CapturedOutput output) {
		this.log.closed(disconnect("unseen", CloseStatus.NORMAL));

		assertThat(output.getOut()).doesNotContain("session=unseen ");
	}

	@Test
	void valuesWithSpacesAreQuoted() {
		assertThat(ConnectionLog.quotedIfNeeded("alice")).isEqualTo("alice");
		assertThat(ConnectionLog.quotedIfNeeded("alice bob")).isEqualTo("\"alice bob\"");
		assertThat(ConnectionLog.quotedIfNeeded("")).isEqualTo("\"\"");
		assertThat(ConnectionLog.quotedIfNeeded("a=b\\c")).isEqualTo("\"a=b\\\\c\"");
	}

	@Test
	void sockJsTransportsAreNamedAfterThePathOfTheirFirstRequest() {
		assertThat(ConnectionHandshake.sockJsTransport("/sockjs/123/abc/websocket")).isEqualTo("sockjs-websocket");
		assertThat(ConnectionHandshake.sockJsTransport("/sockjs/123/abc/xhr")).isEqualTo("sockjs-xhr-polling");
		assertThat(ConnectionHandshake.sockJsTransport("/sockjs/123/abc/xhr_streaming"))
			.isEqualTo("sockjs-xhr-streaming");
		assertThat(ConnectionHandshake.sockJsTransport("/sockjs/123/abc/eventsource")).isEqualTo("sockjs-eventsource");
		assertThat(ConnectionHandshake.sockJsTransport("/sockjs/123/abc/htmlfile")).isEqualTo("sockjs-htmlfile");
	}

	private SessionDisconnectEvent disconnect(String sessionId, CloseStatus status) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.DISCONNECT);
		headers.setSessionId(sessionId);
		headers.setSessionAttributes(this.attributes);
		Message<byte[]> message = MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
		return new SessionDisconnectEvent(this, message, sessionId, status, null);
	}

}
