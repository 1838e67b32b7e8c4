package dev.stompchat.admission;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.CloseStatus;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After DISCONNECT a connection is closed, and nothing it still sends is accepted: its
 * nickname is free at once and may belong to someone else by then.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DisconnectTests {

	private static final String SEND = "SEND\ndestination:/app/rooms.farewell.send\n";

	@LocalServerPort
	int port;

	@Autowired
	ConnectionLimiter connectionLimiter;

	@Test
	void disconnectWithReceiptIsReceiptedThenClosedNormally() throws Exception {
		try (StompTestClient innocent = StompTestClient.connect(this.port, Transport.WEBSOCKET, "innocent");
				RawStompSocket alice = RawStompSocket.connectAs(this.port, "alice4")) {
			int withAlice = this.connectionLimiter.connections();
			alice.send("DISCONNECT\nreceipt:bye\n\n\0");

			assertThat(alice.nextFrame()).startsWith("RECEIPT\nreceipt-id:bye\n");
			assertThat(alice.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
			Awaitility.await()
				.atMost(StompTestClient.TIMEOUT)
				.until(() -> this.connectionLimiter.connections() == withAlice - 1);
			assertThat(innocent.isConnected()).isTrue();
		}
	}

	@Test
	void disconnectWithoutReceiptIsClosedNormallyWithoutAnError() throws Exception {
		try (RawStompSocket alice = RawStompSocket.connectAs(this.port, "alice4")) {
			alice.send("DISCONNECT\n\n\0");

			assertThat(alice.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
			assertThat(alice.framesLeft()).noneMatch((frame) -> frame.startsWith("ERROR"));
		}
	}

	@Test
	void framesAfterDisconnectAreNeitherBroadcastNorReceiptedEvenUnderTheNicknameOfItsNewHolder(CapturedOutput output)
			throws Exception {
		try (StompTestClient innocent = StompTestClient.connect(this.port, Transport.WEBSOCKET, "innocent");
				RawStompSocket alice = RawStompSocket.connectAs(this.port, "alice4")) {
			BlockingQueue<JsonNode> inbox = innocent.join("farewell");
			// one WebSocket message: the frames after DISCONNECT arrive before any close
			// could
			alice.send("DISCONNECT\nreceipt:bye\n\n\0" + SEND + "receipt:r-1\n\n{\"text\":\"I am alice4\"}\0"
					+ "SUBSCRIBE\nid:9\ndestination:/topic/rooms.farewell\nreceipt:r-2\n\n\0");

			assertThat(alice.nextFrame()).startsWith("RECEIPT\nreceipt-id:bye\n");
			assertThat(alice.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());
			try (StompTestClient newAlice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice4")) {
				newAlice.say("farewell", "the real alice4");

				JsonNode said = next(inbox);
				assertThat(said.get("text").asString()).isEqualTo("the real alice4");
			}
			assertThat(alice.framesLeft()).isEmpty();
			innocent.say("farewell", "still here");
			assertThat(next(inbox).get("text").asString()).isEqualTo("still here");
		}
		assertThat(output).contains("after DISCONNECT was dropped").doesNotContain("\tat ");
	}

	@Test
	void closedSocketAfterDisconnectLeavesNoJoinBehind() throws Exception {
		try (StompTestClient innocent = StompTestClient.connect(this.port, Transport.WEBSOCKET, "innocent");
				RawStompSocket alice = RawStompSocket.connectAs(this.port, "alice5")) {
			// a room of its own: innocent's departure from another test's room may still
			// be waiting
			BlockingQueue<JsonNode> everything = innocent.joinWithPresence("no-ghosts");
			alice.send("DISCONNECT\n\n\0SUBSCRIBE\nid:1\ndestination:/topic/rooms.no-ghosts\n\n\0");
			assertThat(alice.awaitClose().getCode()).isEqualTo(CloseStatus.NORMAL.getCode());

			JsonNode members = innocent.request("/app/rooms.no-ghosts.members");
			innocent.say("no-ghosts", "after");

			assertThat(members.get("members").findValuesAsString("nickname")).containsExactly("innocent");
			assertThat(next(everything).get("sender").asString()).isEqualTo("innocent");
			JsonNode after = everything.poll(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(after).isNotNull();
			assertThat(after.get("text").asString()).isEqualTo("after");
		}
	}

}
