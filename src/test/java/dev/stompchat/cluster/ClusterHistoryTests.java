package dev.stompchat.cluster;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.RabbitMq;
import dev.stompchat.support.RabbitMqBroker;
import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * History lives in the streams: every instance answers it alike, a new instance serves
 * the same, and it outlives every instance.
 */
@ExtendWith(RabbitMq.class)
class ClusterHistoryTests {

	@Test
	void everyInstanceAnswersSinceAlikeAndANewOneServesTheSameHistory(RabbitMqBroker broker) throws Exception {
		String prefix = broker.streamPrefix() + "-" + UUID.randomUUID();
		try (ChatNode first = ChatNode.start(prefix); ChatNode second = ChatNode.start(prefix)) {
			String thirdId = say(first, "judy", "past", 5);
			try (StompTestClient onFirst = StompTestClient.connect(first.port(), Transport.WEBSOCKET, "kim");
					StompTestClient onSecond = StompTestClient.connect(second.port(), Transport.WEBSOCKET, "lee")) {
				JsonNode sinceOnFirst = onFirst.request("/app/rooms.past.history", "since", thirdId);
				assertThat(sinceOnFirst.get("messages").size()).isEqualTo(2);
				assertThat(sinceOnFirst.get("complete").asBoolean()).isTrue();
				assertThat(onSecond.request("/app/rooms.past.history", "since", thirdId)).isEqualTo(sinceOnFirst);
				JsonNode all = onFirst.request("/app/rooms.past.history");
				assertThat(onSecond.request("/app/rooms.past.history")).isEqualTo(all);

				try (ChatNode newcomer = ChatNode.start(prefix);
						StompTestClient onNewcomer = StompTestClient.connect(newcomer.port(), Transport.WEBSOCKET,
								"mo")) {
					assertThat(onNewcomer.request("/app/rooms.past.history")).isEqualTo(all);
					assertThat(onNewcomer.request("/app/rooms.past.history", "since", thirdId)).isEqualTo(sinceOnFirst);
				}
			}
		}
	}

	@Test
	void historyOutlivesEveryInstance(RabbitMqBroker broker) throws Exception {
		String prefix = broker.streamPrefix() + "-" + UUID.randomUUID();
		JsonNode before;
		try (ChatNode only = ChatNode.start(prefix)) {
			say(only, "nina", "kept", 3);
			try (StompTestClient reader = StompTestClient.connect(only.port(), Transport.WEBSOCKET, "olga")) {
				before = reader.request("/app/rooms.kept.history");
			}
		}
		assertThat(before.get("messages").size()).isEqualTo(3);
		// restarted with other retention settings, which the existing streams keep their
		// own
		try (ChatNode restarted = ChatNode.start(prefix, "chat.rabbitmq.retention.max-age=1d");
				StompTestClient reader = StompTestClient.connect(restarted.port(), Transport.WEBSOCKET, "olga")) {
			assertThat(reader.request("/app/rooms.kept.history")).isEqualTo(before);
		}
	}

	/** Says {@code count} numbered messages, each receipted; returns the third's id. */
	private static String say(ChatNode node, String nickname, String room, int count) throws Exception {
		try (StompTestClient sender = StompTestClient.connect(node.port(), Transport.WEBSOCKET, nickname)) {
			BlockingQueue<JsonNode> messages = sender.join(room);
			String thirdId = null;
			for (int i = 1; i <= count; i++) {
				sender.sayWithReceipt(room, "message " + i, "r" + i).get(10, TimeUnit.SECONDS);
				JsonNode message = next(messages);
				if (i == 3) {
					thirdId = message.get("id").asString();
				}
			}
			return thirdId;
		}
	}

}
