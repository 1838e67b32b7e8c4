package dev.stompchat.chat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SEND with a {@code receipt} header is answered with a RECEIPT once its message is
 * broadcast, and, when refused, with an error that carries the receipt id instead.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReceiptTests {

	@LocalServerPort
	int port;

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
