package dev.stompchat.presence;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nickname that leaves and comes back within {@code chat.presence.leave-grace} (2 s by
 * default) is announced neither as leaving nor as joining again, so that reconnecting in
 * a loop is invisible to the room, while a real departure is still announced within 5 s.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PresenceFlappingTests {

	@LocalServerPort
	int port;

	@Test
	void reconnectingInALoopIsAnnouncedAsOneJoinAndOneLeave() throws Exception {
		try (StompTestClient observer = StompTestClient.connect(this.port, Transport.WEBSOCKET, "observer")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("flapping");
			assertThat(next(inbox).get("sender").asString()).isEqualTo("observer");

			for (int round = 0; round < 30; round++) {
				try (StompTestClient flapper = StompTestClient.connect(this.port, Transport.WEBSOCKET, "flapper")) {
					flapper.join("flapping");
				}
			}
			long gone = System.nanoTime();
			observer.say("flapping", "marker");

			JsonNode join = next(inbox);
			assertThat(join.get("type").asString()).isEqualTo("JOIN");
			assertThat(join.get("sender").asString()).isEqualTo("flapper");
			assertThat(next(inbox).get("text").asString()).isEqualTo("marker");
			JsonNode leave = next(inbox);
			assertThat(Duration.ofNanos(System.nanoTime() - gone)).isLessThan(Duration.ofSeconds(5));
			assertThat(leave.get("type").asString()).isEqualTo("LEAVE");
			assertThat(leave.get("sender").asString()).isEqualTo("flapper");
			assertThat(inbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
			assertThat(observer.request("/app/rooms.flapping.members").get("members").findValuesAsString("nickname"))
				.containsExactly("observer");
		}
	}

	@Test
	void memberStaysListedWhileItsDepartureWaits() {
		try (StompTestClient observer = StompTestClient.connect(this.port, Transport.WEBSOCKET, "observer")) {
			BlockingQueue<JsonNode> inbox = observer.joinWithPresence("grace");
			next(inbox);
			try (StompTestClient leaver = StompTestClient.connect(this.port, Transport.WEBSOCKET, "leaver")) {
				leaver.join("grace");
				assertThat(next(inbox).get("type").asString()).isEqualTo("JOIN");
			}

			assertThat(observer.request("/app/rooms.grace.members").get("members").findValuesAsString("nickname"))
				.containsExactly("observer", "leaver");
			assertThat(next(inbox).get("type").asString()).isEqualTo("LEAVE");
		}
	}

}
