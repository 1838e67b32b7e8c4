package dev.stompchat.chat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SEND with a {@code receipt} header is answered with a RECEIPT once its message is
 * broadcast, naming the message's id in its {@code message-id} header, and, when refused,
 * with an error that carries the receipt id instead.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReceiptTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void receiptOfAnAcceptedMessageCarriesTheIdTheRoomGaveIt() throws Exception {
		try (RawStompSocket plain = RawStompSocket.connectAs(this.port, "alice");
				RawStompSocket sockJs = RawStompSocket.connectAsOverSockJs(this.port, "bob")) {
			assertReceiptNamesTheBroadcastMessage(plain, "receipt-ids", "  \u00a0hello\t");
			assertReceiptNamesTheBroadcastMessage(sockJs, "receipt-ids-sockjs", "hello again");
		}
	}

	private static void assertReceiptNamesTheBroadcastMessage(RawStompSocket socket, String room, String text)
			throws Exception {
		socket.send("SUBSCRIBE\nid:0\ndestination:/topic/rooms." + room + "\nreceipt:subscribed\n\n\0");
		socket.send("SEND\ndestination:/app/rooms." + room + ".send\ncontent-type:application/json\nreceipt:r-1\n\n"
				+ JSON.writeValueAsString(Map.of("text", text)) + "\0");

		Map<String, String> receipt = null;
		JsonNode message = null;
		// the subscription's RECEIPT and JOIN come too; the SEND's RECEIPT and MESSAGE in
		// either order
		while (receipt == null || message == null) {
			String frame = socket.nextFrame();
			Map<String, String> headers = headers(frame);
			if (frame.startsWith("RECEIPT\n") && "r-1".equals(headers.get("receipt-id"))) {
				receipt = headers;
			}
			else if (frame.startsWith("MESSAGE\n")) {
				JsonNode body = JSON.readTree(frame.substring(frame.indexOf("\n\n") + 2, frame.lastIndexOf('\0')));
				if ("CHAT".equals(body.get("type").asString())) {
					message = body;
				}
			}
		}

		assertThat(message.get("text").asString()).isEqualTo(text.strip());
		assertThat(Optional.ofNullable(receipt.get("message-id"))).as("message-id of the RECEIPT")
			.hasValue(message.get("id").asString());
	}

	private static Map<String, String> headers(String frame) {
		return frame.lines()
			.skip(1)
			.takeWhile((line) -> !line.isEmpty())
			.map((line) -> line.split(":", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1], (first, second) -> first));
	}

	@ParameterizedTest
	@EnumSource(value = Transport.class, names = { "WEBSOCKET", "SOCKJS_XHR_STREAMING" })
	void acceptedMessageGetsItsReceipt(Transport transport) throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, transport, "alice")) {
			BlockingQueue<JsonNode> inbox = alice.join("receipts");

			CompletableFuture<String> receipt = alice.sayWithReceipt("receipts", "hello", "r-1");

			assertThat(receipt.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("r-1");
			assertThat(next(inbox).get("text").asString()).isEqualTo("hello");
		}
	}

	@ParameterizedTest
	@EnumSource(value = Transport.class, names = { "WEBSOCKET", "SOCKJS_XHR_STREAMING" })
	void refusedMessageGetsNoReceiptButAnErrorCarryingItsId(Transport transport) throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, transport, "alice")) {
			CompletableFuture<String> refused = alice.sayWithReceipt("receipts", "   ", "r-2");
			JsonNode error = alice.nextError();
			CompletableFuture<String> accepted = alice.sayWithReceipt("receipts", "fine", "r-3");

			assertThat(error.get("code").asString()).isEqualTo("TEXT_EMPTY");
			assertThat(error.get("receipt").asString()).isEqualTo("r-2");
			assertThat(accepted.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("r-3");
			assertThat(refused).isNotDone();
		}
	}

}
