package dev.stompchat.cluster;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import dev.stompchat.support.RawStompSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nicknames are unique across instances: the broker decides between two claims made at
 * the same moment on two instances, a token is honoured by every instance, and a nickname
 * is free again once its last connection anywhere has ended.
 */
@ExtendWith(RabbitMq.class)
class ClusterNicknameTests {

	private static final Pattern TOKEN = Pattern.compile("\nnickname-token:([A-Za-z0-9_-]+)\n");

	@AutoClose
	private static ChatNode first;

	@AutoClose
	private static ChatNode second;

	@BeforeAll
	static void startTwoInstances(RabbitMqBroker broker) {
		first = ChatNode.start(broker.streamPrefix());
		second = ChatNode.start(broker.streamPrefix());
	}

	@Test
	void ofTwoSimultaneousClaimsOnTwoInstancesExactlyOneIsLetIn() throws Exception {
		for (int round = 0; round < 5; round++) {
			String nickname = "twin" + round;
			try (RawStompSocket onFirst = RawStompSocket.open(first.port());
					RawStompSocket onSecond = RawStompSocket.open(second.port())) {
				onFirst.send(connectFrame(nickname, null));
				onSecond.send(connectFrame(nickname, null));

				List<String> answers = List.of(onFirst.nextFrame(), onSecond.nextFrame());
				assertThat(answers).filteredOn((frame) -> frame.startsWith("CONNECTED\n")).hasSize(1);
				assertThat(answers).filteredOn((frame) -> frame.startsWith("ERROR\n"))
					.singleElement()
					.asString()
					.contains("Nickname '" + nickname + "' is taken");
			}
		}
	}

	@Test
	void aTokenFromOneInstanceIsHonouredByTheOther() throws Exception {
		try (RawStompSocket onFirst = RawStompSocket.open(first.port());
				RawStompSocket onSecond = RawStompSocket.open(second.port());
				RawStompSocket impostor = RawStompSocket.open(second.port())) {
			onFirst.send(connectFrame("Tabby", null));
			String connected = onFirst.nextFrame();
			assertThat(connected).startsWith("CONNECTED\n");
			Matcher token = TOKEN.matcher(connected);
			assertThat(token.find()).isTrue();

			onSecond.send(connectFrame("tabby", token.group(1)));
			impostor.send(connectFrame("tabby", "not-the-token"));

			assertThat(onSecond.nextFrame()).startsWith("CONNECTED\n")
				.contains("user-name:Tabby")
				.contains("nickname-token:" + token.group(1));
			assertThat(impostor.nextErrorMessage()).isEqualTo("Nickname 'tabby' is taken: choose another one.");
		}
	}

	@Test
	void aNicknameIsFreeOnceItsLastConnectionAnywhereEnded() throws Exception {
		try (RawStompSocket onFirst = RawStompSocket.open(first.port())) {
			onFirst.send(connectFrame("roamer", null));
			Matcher token = TOKEN.matcher(onFirst.nextFrame());
			assertThat(token.find()).isTrue();
			try (RawStompSocket onSecond = RawStompSocket.open(second.port())) {
				onSecond.send(connectFrame("roamer", token.group(1)));
				assertThat(onSecond.nextFrame()).startsWith("CONNECTED\n");
			}
			try (RawStompSocket stranger = RawStompSocket.open(second.port())) {
				stranger.send(connectFrame("roamer", null));
				assertThat(stranger.nextErrorMessage()).contains("is taken");
			}
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			try (RawStompSocket newcomer = RawStompSocket.open(second.port())) {
				newcomer.send(connectFrame("roamer", null));
				assertThat(newcomer.nextFrame()).startsWith("CONNECTED\n");
			}
		});
	}

	private static String connectFrame(String nickname, String token) {
		return "CONNECT\naccept-version:1.2\nhost:localhost\nnickname:" + nickname + "\n"
				+ ((token != null) ? "nickname-token:" + token + "\n" : "") + "\n\0";
	}

}
