package dev.stompchat.identity;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nobody chats under a nickname someone else holds; the holder's token lets more of its
 * own connections in, and the nickname is free again once its last connection ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NicknameOwnershipTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "holder", "HOLDER", "Holder", "ｈｏｌｄｅｒ", " holder ", "һolder", "ho1der", "𝐡𝐨𝐥𝐝𝐞𝐫" })
	void nicknameHeldBySomeoneElseIsRefused(String lookAlike) throws Exception {
		try (StompTestClient holder = StompTestClient.connect(this.port, Transport.WEBSOCKET, "holder");
				RawStompSocket impostor = RawStompSocket.open(this.port)) {
			impostor.send(connectFrame(lookAlike, null));

			assertThat(impostor.nextErrorMessage())
				.isEqualTo("Nickname '" + lookAlike.trim() + "' is taken: choose another one.");
			assertThat(impostor.awaitClose()).isNotNull();
			assertThat(holder.isConnected()).isTrue();
		}
	}

	@Test
	void lookAlikeInAnotherScriptIsTakenWhileTheHolderAndARoomMemberKeepChatting() throws Exception {
		try (StompTestClient alice = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice");
				StompTestClient bystander = StompTestClient.connect(this.port, Transport.WEBSOCKET, "bystander");
				RawStompSocket impostor = RawStompSocket.open(this.port)) {
			BlockingQueue<JsonNode> inbox = bystander.join("lookalikes");
			alice.join("lookalikes");

			impostor.send(connectFrame("\u0430lice", null));

			assertThat(impostor.nextErrorMessage()).isEqualTo("Nickname '\u0430lice' is taken: choose another one.");
			assertThat(impostor.awaitClose()).isNotNull();
			alice.say("lookalikes", "still alice");
			bystander.say("lookalikes", "still here");
			assertThat(List.of(next(inbox), next(inbox))).extracting((message) -> message.get("sender").asString())
				.containsExactlyInAnyOrder("alice", "bystander");
		}
	}

	@Test
	void spellingWithARunOfSpacesIsTheHeldNicknameWithOneSpace() throws Exception {
		try (StompTestClient holder = StompTestClient.connect(this.port, Transport.WEBSOCKET, "alice bob");
				RawStompSocket impostor = RawStompSocket.open(this.port)) {
			impostor.send(connectFrame("alice  bob", null));

			assertThat(impostor.nextErrorMessage()).isEqualTo("Nickname 'alice bob' is taken: choose another one.");
			assertThat(impostor.awaitClose()).isNotNull();
			assertThat(holder.isConnected()).isTrue();
		}
	}

	@Test
	void wrongTokenIsRefused() throws Exception {
		try (StompTestClient holder = StompTestClient.connect(this.port, Transport.WEBSOCKET, "guarded");
				RawStompSocket impostor = RawStompSocket.open(this.port)) {
			impostor.send(connectFrame("guarded", "not-the-token"));

			assertThat(impostor.nextErrorMessage()).contains("is taken");
		}
	}

	@Test
	void connectedFrameHandsOutATokenThatLetsASecondConnectionShareTheNickname() {
		StompHeaders withoutToken = new StompHeaders();
		withoutToken.set("nickname-token", "");
		try (StompTestClient firstTab = StompTestClient.connect(this.port, Transport.WEBSOCKET, "tabby",
				withoutToken)) {
			String token = firstTab.connectedHeaders().getFirst("nickname-token");
			assertThat(token).hasSizeGreaterThanOrEqualTo(32);
			BlockingQueue<JsonNode> inbox = firstTab.joinWithPresence("shared");
			assertThat(next(inbox).get("type").asString()).isEqualTo("JOIN");

			StompHeaders withToken = new StompHeaders();
			withToken.set("nickname-token", token);
			try (StompTestClient secondTab = StompTestClient.connect(this.port, Transport.WEBSOCKET, "TABBY",
					withToken)) {
				assertThat(secondTab.connectedHeaders().getFirst("user-name")).isEqualTo("tabby");
				assertThat(secondTab.connectedHeaders().getFirst("nickname-token")).isEqualTo(token);
				secondTab.join("shared");
				secondTab.say("shared", "from the second tab");

				JsonNode message = next(inbox);
				assertThat(message.get("type").asString()).isEqualTo("CHAT");
				assertThat(message.get("sender").asString()).isEqualTo("tabby");
			}
		}
	}

	@Test
	void connectedFrameStillNegotiatesVersionAndHeartbeats() throws Exception {
		try (RawStompSocket socket = RawStompSocket.open(this.port)) {
			socket.send("CONNECT\naccept-version:1.1,1.2\nhost:localhost\nnickname:versions\nheart-beat:0,0\n\n\0");

			assertThat(socket.nextFrame()).startsWith("CONNECTED\n")
				.contains("\nversion:1.2\n")
				.contains("\nheart-beat:10000,10000\n")
				.contains("\nuser-name:versions\n")
				.containsPattern("\nnickname-token:[A-Za-z0-9_-]{32}\n");
		}
	}

	@Test
	void nicknameIsFreeAsSoonAsItsConnectionSaysDisconnect() throws Exception {
		try (RawStompSocket first = RawStompSocket.open(this.port)) {
			first.send(connectFrame("leaver", null));
			assertThat(first.nextFrame()).startsWith("CONNECTED\n");
			first.send("DISCONNECT\nreceipt:bye\n\n\0");
			assertThat(first.nextFrame()).startsWith("RECEIPT\n").contains("receipt-id:bye");
		}
		try (RawStompSocket second = RawStompSocket.open(this.port)) {
			second.send(connectFrame("leaver", null));

			assertThat(second.nextFrame()).startsWith("CONNECTED\n");
		}
	}

	@Test
	void nicknameIsFreeOnceAClosedSocketIsNoticed() throws Exception {
		RawStompSocket first = RawStompSocket.open(this.port);
		first.send(connectFrame("vanisher", null));
		assertThat(first.nextFrame()).startsWith("CONNECTED\n");

		first.close();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			try (RawStompSocket second = RawStompSocket.open(this.port)) {
				second.send(connectFrame("vanisher", null));
				assertThat(second.nextFrame()).startsWith("CONNECTED\n");
			}
		});
	}

	private static String connectFrame(String nickname, String token) {
		return "CONNECT\naccept-version:1.2\nhost:localhost\nnickname:" + nickname + "\n"
				+ ((token != null) ? "nickname-token:" + token + "\n" : "") + "\n\0";
	}

}
