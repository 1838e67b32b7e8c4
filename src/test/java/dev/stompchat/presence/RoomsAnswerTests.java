package dev.stompchat.presence;

import java.util.ArrayList;
import java.util.List;

import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However many rooms people make up, the rooms answer every page asks for stays small:
 * the busiest rooms first, at most {@link PresenceController#MAX_LISTED_ROOMS}, and the
 * total.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.max-subscriptions-per-connection=5")
class RoomsAnswerTests {

	@LocalServerPort
	int port;

	@Test
	void roomsAnswerListsTheBusiestRoomsFirstUpToItsBoundWithTheTotal() {
		List<StompTestClient> people = new ArrayList<>();
		try {
			for (int person = 0; person < 20; person++) {
				StompTestClient client = StompTestClient.connect(this.port, Transport.WEBSOCKET, "person" + person);
				people.add(client);
				for (int room = 0; room < 3; room++) {
					client.join("made-up-" + (person * 3 + room));
				}
				if (person < 3) {
					client.join("busiest");
				}
			}

			JsonNode answer = people.get(0).request("/app/rooms");

			JsonNode rooms = answer.get("rooms");
			assertThat(rooms).hasSize(PresenceController.MAX_LISTED_ROOMS);
			assertThat(answer.get("total").asInt()).isEqualTo(61);
			assertThat(rooms.get(0).get("room").asString()).isEqualTo("busiest");
			assertThat(rooms.get(0).get("members").asInt()).isEqualTo(3);
			assertThat(rooms.get(1).get("members").asInt()).isEqualTo(1);
		}
		finally {
			people.forEach(StompTestClient::close);
		}
	}

}
