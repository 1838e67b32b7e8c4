package dev.stompchat.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.stompchat.support.RawStompSocket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room broadcasts are written per subscriber by {@link BroadcastFrames}, not by Spring's
 * STOMP encoder, and go over plain WebSocket as binary messages: the frames must still be
 * exactly what STOMP 1.2 asks for, and everything else (replies on user destinations)
 * still comes from Spring, as text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BroadcastFrameTests {

	@LocalServerPort
	int port;

	@Test
	void roomBroadcastIsOneBinaryMessageHoldingAWellFormedMessageFrame() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connectAs(this.port, "framer")) {
			// the subscription id holds a colon, which a header value must escape
			socket.send("SUBSCRIBE\nid:sub\\c1\ndestination:/topic/rooms.frames\n\n\0");
			String join = socket.nextFrame();
			socket.send("SEND\ndestination:/app/rooms.frames.send\ncontent-type:application/json\n\n"
					+ "{\"text\":\"h\u00e9llo \ud83d\ude00\"}\0");
			String chat = socket.nextFrame();

			assertThat(socket.binaryMessages()).isEqualTo(2);
			for (String frame : List.of(join, chat)) {
				assertThat(frame).startsWith("MESSAGE\n").endsWith("\0");
				assertThat(headers(frame)).contains("destination:/topic/rooms.frames", "subscription:sub\\c1",
						"content-type:application/json");
				int bodyBytes = body(frame).getBytes(StandardCharsets.UTF_8).length;
				assertThat(headers(frame)).contains("content-length:" + bodyBytes);
			}
			assertThat(body(chat)).contains("\"sender\":\"framer\"", "\"text\":\"h\u00e9llo \ud83d\ude00\"");
			assertThat(header(chat, "message-id")).isNotBlank().isNotEqualTo(header(join, "message-id"));
		}
	}

	@Test
	void repliesOnUserDestinationsStillComeAsTextFromSpring() throws Exception {
		try (RawStompSocket socket = RawStompSocket.connectAs(this.port, "replied")) {
			socket.send("SUBSCRIBE\nid:errors\ndestination:/user/queue/errors\n\n\0");
			socket.send("SEND\ndestination:/app/rooms.frames.send\ncontent-type:application/json\n\n"
					+ "{\"text\":\"\"}\0");
			String error = socket.nextFrame();

			assertThat(error).startsWith("MESSAGE\n").contains("TEXT_EMPTY");
			assertThat(headers(error)).contains("destination:/user/queue/errors", "subscription:errors");
			assertThat(socket.binaryMessages()).isZero();
		}
	}

	private static List<String> headers(String frame) {
		return frame.lines().skip(1).takeWhile((line) -> !line.isEmpty()).toList();
	}

	private static String header(String frame, String name) {
		return headers(frame).stream()
			.filter((line) -> line.startsWith(name + ":"))
			.map((line) -> line.substring(name.length() + 1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " header in " + frame));
	}

	private static String body(String frame) {
		return frame.substring(frame.indexOf("\n\n") + 2, frame.length() - 1);
	}

}
