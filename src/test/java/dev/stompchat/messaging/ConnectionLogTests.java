package dev.stompchat.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.stompchat.support.HandMadeWebSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection log: one line when a connection's CONNECT is accepted and one when it
 * ends, over every transport, never twice for one session; and the same pairs as fields
 * of Spring Boot's structured formats.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLogTests {

	private static final String REMOTE = "(?:127\\.0\\.0\\.1|\\[[0-9a-f:]+\\]):\\d+";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void aWebSocketConnectionIsLoggedOnceOpenedAndOnceClosed(CapturedOutput output) {
		String session;
		try (StompTestClient wendy = StompTestClient.connect(this.port, Transport.WEBSOCKET, "wendy")) {
			wendy.awaitProcessed();
			session = openedSession(output, "wendy", "websocket");
		}
		String closed = awaitClosedLine(output, session);
		assertThat(closed).matches(".*Connection closed: session=" + Pattern.quote(session)
				+ " nickname=wendy transport=websocket remote=" + REMOTE + " duration=PT[0-9.]+S status=1000$");
		assertLoggedOnce(output, session);
	}

	@Test
	void aSockJsConnectionIsLoggedWithItsTransport(CapturedOutput output) {
		String session;
		try (StompTestClient polly = StompTestClient.connect(this.port, Transport.SOCKJS_XHR_POLLING, "polly")) {
			polly.awaitProcessed();
			session = openedSession(output, "polly", "sockjs-xhr-polling");
		}
		assertThat(awaitClosedLine(output, session)).matches(".*Connection closed: session=" + Pattern.quote(session)
				+ " nickname=polly transport=sockjs-xhr-polling remote=" + REMOTE
				+ " duration=PT[0-9.]+S status=1000$");
		assertLoggedOnce(output, session);
	}

	@Test
	void aSockJsConnectionOverWebSocketIsLoggedWithItsTransport(CapturedOutput output) {
		String session;
		try (StompTestClient sockjs = StompTestClient.connect(this.port, Transport.SOCKJS_WEBSOCKET, "sockjs")) {
			sockjs.awaitProcessed();
			session = openedSession(output, "sockjs", "sockjs-websocket");
		}
		assertThat(awaitClosedLine(output, session)).contains(" transport=sockjs-websocket ");
		assertLoggedOnce(output, session);
	}

	@Test
	void aRefusedConnectIsLoggedOnceAsClosedWithoutANickname(CapturedOutput output) throws Exception {
		int clientPort;
		try (HandMadeWebSocket socket = HandMadeWebSocket.open(this.port)) {
			clientPort = socket.localPort();
			socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");

			assertThat(socket.awaitCloseCode()).isEqualTo(1002);
		}
		Pattern closed = Pattern.compile("Connection closed: session=(\\S+) transport=websocket remote=\\S+:"
				+ clientPort + " duration=PT[0-9.]+S status=1002$");
		await().atMost(StompTestClient.TIMEOUT)
			.untilAsserted(() -> assertThat(lines(output)).anyMatch((line) -> closed.matcher(line).find()));
		String line = lines(output).stream().filter((candidate) -> closed.matcher(candidate).find()).findFirst().get();
		Matcher matcher = closed.matcher(line);
		assertThat(matcher.find()).isTrue();
		assertLoggedOnce(output, matcher.group(1), 0);
	}

	@Test
	void theStructuredFormatsHaveTheLinesPairsAsFields() {
		List<String> json = new CopyOnWriteArrayList<>();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();
		AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				json.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
			}

		};
		appender.setContext(context);
		appender.start();
		Logger logger = context.getLogger(ConnectionLog.LOGGER);
		logger.addAppender(appender);
		try {
			try (StompTestClient jason = StompTestClient.connect(this.port, Transport.WEBSOCKET, "jason")) {
				jason.awaitProcessed();
			}
			await().atMost(StompTestClient.TIMEOUT)
				.untilAsserted(() -> assertThat(json)
					.anyMatch((line) -> line.contains("Connection closed") && line.contains("\"jason\"")));
		}
		finally {
			logger.detachAppender(appender);
			appender.stop();
		}
		JsonNode opened = fieldsOf(json, "Connection opened");
		JsonNode closed = fieldsOf(json, "Connection closed");
		assertThat(opened.get("nickname").asString()).isEqualTo("jason");
		assertThat(opened.get("transport").asString()).isEqualTo("websocket");
		assertThat(opened.get("remote").asString()).matches(REMOTE);
		assertThat(opened.get("log").get("logger").asString()).isEqualTo(ConnectionLog.LOGGER);
		assertThat(closed.get("session").asString()).isEqualTo(opened.get("session").asString());
		assertThat(closed.get("status").asInt()).isEqualTo(1000);
		assertThat(closed.get("duration").asString()).startsWith("PT");
	}

	private static JsonNode fieldsOf(List<String> json, String message) {
		return json.stream()
			.map(JSON::readTree)
			.filter((line) -> line.get("message").asString().startsWith(message)
					&& line.toString().contains("\"jason\""))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No '" + message + "' in " + json));
	}

	private static String openedSession(CapturedOutput output, String nickname, String transport) {
		Pattern opened = Pattern.compile("Connection opened: session=(\\S+) nickname=" + nickname + " transport="
				+ transport + " remote=" + REMOTE + "$");
		List<Matcher> matches = lines(output).stream().map(opened::matcher).filter(Matcher::find).toList();
		assertThat(matches).as("opened lines for %s", nickname).hasSize(1);
		return matches.get(0).group(1);
	}

	private static String awaitClosedLine(CapturedOutput output, String session) {
		String closed = "Connection closed: session=" + session + " ";
		await().atMost(StompTestClient.TIMEOUT)
			.untilAsserted(() -> assertThat(lines(output)).anyMatch((line) -> line.contains(closed)));
		return lines(output).stream().filter((line) -> line.contains(closed)).findFirst().get();
	}

	private static void assertLoggedOnce(CapturedOutput output, String session) {
		assertLoggedOnce(output, session, 1);
	}

	private static void assertLoggedOnce(CapturedOutput output, String session, int openedLines) {
		assertThat(lines(output)).filteredOn((line) -> line.contains("Connection opened: session=" + session + " "))
			.hasSize(openedLines);
		assertThat(lines(output)).filteredOn((line) -> line.contains("Connection closed: session=" + session + " "))
			.hasSize(1);
		assertThat(lines(output)).filteredOn((line) -> line.contains("Connection closed: session=" + session + " "))
			.allMatch((line) -> line.contains(" INFO ") && line.contains(ConnectionLog.LOGGER));
	}

	private static List<String> lines(CapturedOutput output) {
		return output.getOut().lines().toList();
	}

}
