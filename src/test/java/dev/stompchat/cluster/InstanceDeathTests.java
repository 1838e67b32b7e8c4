package dev.stompchat.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.ChatInstance;
import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import dev.stompchat.support.RawStompSocket;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.CloseStatus;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that dies without a word, is stopped or is paused, as the other instances
 * and its clients see it: its members leave once, its nicknames come free, and nothing it
 * receipted is lost.
 */
@ExtendWith(RabbitMq.class)
class InstanceDeathTests {

	private static final Duration DEATH_BOUND = Duration.ofSeconds(15);

	@Test
	void aKilledInstancesMembersLeaveOnceAndItsNicknamesComeFreeWithin15Seconds(RabbitMqBroker broker)
			throws Exception {
		try (ChatNode survivor = ChatNode.start(broker.streamPrefix());
				ChatInstance doomed = instance(broker, "killed");
				StompTestClient observer = StompTestClient.connect(survivor.port(), Transport.WEBSOCKET, "observer");
				RawStompSocket quinn = RawStompSocket.connectAs(doomed.port(), "quinn")) {
			BlockingQueue<JsonNode> room = observer.joinWithPresence("doomed");
			assertThat(next(room).get("sender").asString()).isEqualTo("observer");
			quinn.send("SUBSCRIBE\nid:0\ndestination:/topic/rooms.doomed\n\n\0");
			assertThat(next(room).get("type").asString()).isEqualTo("JOIN");
			quinn.send("SEND\ndestination:/app/rooms.doomed.send\ncontent-type:application/json\nreceipt:last\n\n"
					+ "{\"text\":\"my last words\"}\0");
			assertThat(next(room).get("text").asString()).isEqualTo("my last words");

			long killed = System.nanoTime();
			doomed.kill();

			JsonNode leave = room.poll(DEATH_BOUND.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(leave).as("a LEAVE within %s", DEATH_BOUND).isNotNull();
			assertThat(leave.get("type").asString()).isEqualTo("LEAVE");
			assertThat(leave.get("sender").asString()).isEqualTo("quinn");
			assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(DEATH_BOUND);
			assertThat(observer.request("/app/rooms.doomed.history").get("messages"))
				.anySatisfy((message) -> assertThat(message.get("text").asString()).isEqualTo("my last words"));
			try (RawStompSocket newQuinn = RawStompSocket.connectAs(survivor.port(), "quinn")) {
				observer.say("doomed", "marker");
				assertThat(next(room).get("type").asString()).as("no second LEAVE").isNotEqualTo("LEAVE");
			}
		}
	}

	@Test
	void aStoppedInstanceClosesWith1001AndItsMembersLeaveAtOnce(RabbitMqBroker broker) throws Exception {
		try (ChatNode survivor = ChatNode.start(broker.streamPrefix());
				ChatInstance stopping = instance(broker, "stopped", "--chat.shutdown.drain=1s");
				StompTestClient observer = StompTestClient.connect(survivor.port(), Transport.WEBSOCKET, "watcher");
				StompTestClient rita = StompTestClient.connect(stopping.port(), Transport.WEBSOCKET, "rita")) {
			BlockingQueue<JsonNode> room = observer.joinWithPresence("stopping");
			next(room);
			rita.join("stopping");
			assertThat(next(room).get("sender").asString()).isEqualTo("rita");
			rita.sayWithReceipt("stopping", "receipted before the stop", "r1").get(10, TimeUnit.SECONDS);
			assertThat(next(room).get("text").asString()).isEqualTo("receipted before the stop");

			long stopped = System.nanoTime();
			Thread terminator = new Thread(stopping::terminate);
			terminator.start();

			assertThat(rita.awaitClosed().status().getCode()).isEqualTo(CloseStatus.GOING_AWAY.getCode());
			JsonNode leave = next(room);
			assertThat(leave.get("type").asString()).isEqualTo("LEAVE");
			assertThat(leave.get("sender").asString()).isEqualTo("rita");
			assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("well before an instance counts as dead")
				.isLessThan(Duration.ofSeconds(6));
			terminator.join(30_000);
		}
	}

	@Test
	void anInstanceBackFromAPauseDoesNotResurrectItsMembers(RabbitMqBroker broker) throws Exception {
		try (ChatNode survivor = ChatNode.start(broker.streamPrefix());
				ChatInstance paused = instance(broker, "paused");
				StompTestClient observer = StompTestClient.connect(survivor.port(), Transport.WEBSOCKET, "looker");
				RawStompSocket sam = RawStompSocket.connectAs(paused.port(), "sam")) {
			BlockingQueue<JsonNode> room = observer.joinWithPresence("pause");
			next(room);
			sam.send("SUBSCRIBE\nid:0\ndestination:/topic/rooms.pause\n\n\0");
			assertThat(next(room).get("type").asString()).isEqualTo("JOIN");

			signal("STOP", paused.pid());
			try {
				JsonNode leave = room.poll(DEATH_BOUND.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(leave).isNotNull();
				assertThat(leave.get("type").asString()).isEqualTo("LEAVE");
			}
			finally {
				signal("CONT", paused.pid());
			}

			// the server closes with 1012; the client may read the close as a protocol
			// error
			// when a broadcast was being written as the pause ended
			assertThat(sam.awaitClose()).isNotNull();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(ChatNode.members(observer, "pause")).containsExactly("looker"));
		}
	}

	private static ChatInstance instance(RabbitMqBroker broker, String name, String... arguments) {
		List<String> all = new ArrayList<>(broker.instanceArguments());
		all.addAll(List.of("--chat.rabbitmq.partitions=4", "--chat.presence.leave-grace=0s"));
		all.addAll(List.of(arguments));
		return ChatInstance.named(name).arguments(all).start();
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(kill.exitValue()).isZero();
	}

}
