package dev.stompchat.history;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.IntStream;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short history request never draws a huge answer: 100 messages of 1,000 emoji would be
 * some 400 KB, but one answer holds at most {@code chat.history.max-answer-bytes} (64 KB
 * by default), the newest messages that fit, and says it is not complete.
 * <p>
 * The overload bound is raised to a minute: on a server just started, the last messages
 * of a burst of a hundred or more may wait longer than the default bound to be handled
 * and be refused, which is {@code OverloadTests}' business, not this test's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "chat.rate-limit.burst=200",
		"chat.rate-limit.messages-per-second=200", "chat.overload.max-wait=1m" })
class HistoryAnswerLimitTests {

	private static final int MAX_ANSWER_BYTES = 64 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void historyAnswerHoldsTheNewestMessagesThatFitInItsBound() throws Exception {
		try (StompTestClient writer = StompTestClient.connect(this.port, Transport.WEBSOCKET, "writer");
				RawStompSocket reader = RawStompSocket.connectAs(this.port, "reader")) {
			BlockingQueue<JsonNode> inbox = writer.join("emoji");
			for (int i = 0; i < 100; i++) {
				writer.say("emoji", i + " " + "😀".repeat(995));
			}
			List<JsonNode> broadcast = IntStream.range(0, 100).mapToObj((i) -> next(inbox)).toList();

			reader.send("SUBSCRIBE\nid:h\ndestination:/app/rooms.emoji.history\n\n\0");
			String frame = reader.nextFrame();
			JsonNode since = JSON.readTree(body(reader, "SUBSCRIBE\nid:s\ndestination:/app/rooms.emoji.history\nsince:"
					+ broadcast.get(0).get("id").asString() + "\n\n\0"));

			assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_ANSWER_BYTES);
			JsonNode answer = JSON.readTree(body(frame));
			List<String> ids = answer.get("messages").findValuesAsString("id");
			assertThat(answer.get("complete").asBoolean()).isFalse();
			assertThat(ids).hasSizeBetween(10, 20)
				.isEqualTo(
						broadcast.subList(100 - ids.size(), 100).stream().map((m) -> m.get("id").asString()).toList());
			assertThat(since.get("complete").asBoolean()).isFalse();
			assertThat(since.get("messages").findValuesAsString("id")).isEqualTo(ids);
		}
	}

	private static String body(RawStompSocket socket, String subscribe) throws Exception {
		socket.send(subscribe);
		return body(socket.nextFrame());
	}

	private static String body(String frame) {
		int start = frame.indexOf("\n\n") + 2;
		int end = frame.indexOf('\0', start);
		return frame.substring(start, (end >= 0) ? end : frame.length());
	}

}
