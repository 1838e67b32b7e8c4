package dev.stompchat.admission;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.stompchat.support.HandMadeWebSocket;
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
 * A client that stops reading is cut off once its pending output passes the send-time or
 * buffer limit (2 s and 256 KB here), while twenty others keep receiving everything a
 * fast publisher sends, and the server's memory stays bounded. The publisher sends in
 * batches that the readers keep up with; the stalled client falls further behind with
 * each one, until the operating system's socket buffers are full and the server's limits
 * apply.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.send-time-limit=2s", "chat.send-buffer-size-limit=256KB",
				"chat.rate-limit.messages-per-second=100000", "chat.rate-limit.burst=100000",
				// a cut-off client is seen by its LEAVE, which must not wait for the
				// leave grace
				"chat.presence.leave-grace=0s" })
class SlowConsumerTests {

	private static final int READERS = 20;

	private static final int BATCH = 100;

	private static final int MAX_BATCHES = 80;

	private static final int BATCHES_AFTER_CUT_OFF = 5;

	@LocalServerPort
	int port;

	@Test
	void stalledClientIsCutOffWhileEveryoneElseReceivesEverything() throws Exception {
		List<StompTestClient> readers = new ArrayList<>();
		try (StompTestClient publisher = StompTestClient.connect(this.port, Transport.WEBSOCKET, "publisher");
				HandMadeWebSocket staller = HandMadeWebSocket.openWithSmallReceiveBuffer(this.port)) {
			BlockingQueue<JsonNode> presence = publisher.joinWithPresence("slow");
			assertThat(next(presence).get("sender").asString()).isEqualTo("publisher");
			List<BlockingQueue<JsonNode>> inboxes = new ArrayList<>();
			for (int i = 0; i < READERS; i++) {
				StompTestClient reader = StompTestClient.connect(this.port, Transport.WEBSOCKET, "reader" + i);
				readers.add(reader);
				inboxes.add(reader.join("slow"));
				next(presence);
			}
			staller.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:staller\n\n\0");
			staller.sendText("SUBSCRIBE\nid:0\ndestination:/topic/rooms.slow\n\n\0");
			assertThat(next(presence).get("sender").asString()).isEqualTo("staller");
			long heapBefore = usedHeapAfterGc();

			String padding = "x".repeat(990);
			int sent = 0;
			JsonNode leave = null;
			int batchesAfterCutOff = 0;
			while (batchesAfterCutOff < BATCHES_AFTER_CUT_OFF) {
				assertThat(sent).as("messages sent before the stalled client was cut off")
					.isLessThan(MAX_BATCHES * BATCH);
				for (int i = sent; i < sent + BATCH; i++) {
					publisher.say("slow", i + " " + padding);
				}
				for (BlockingQueue<JsonNode> inbox : inboxes) {
					for (int i = sent; i < sent + BATCH; i++) {
						assertThat(next(inbox).get("text").asString()).startsWith(i + " ");
					}
				}
				sent += BATCH;
				leave = (leave != null) ? leave : leaveIn(presence);
				batchesAfterCutOff += (leave != null) ? 1 : 0;
			}
			assertThat(leave.get("sender").asString()).isEqualTo("staller");
			long heapGrowth = usedHeapAfterGc() - heapBefore;
			assertThat(heapGrowth).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
		}
		finally {
			readers.forEach(StompTestClient::close);
		}
	}

	/**
	 * Each stalled client can hold one of the server's outbound threads in a blocked
	 * write; with more of them than there are threads, nothing would be written to anyone
	 * until those writes time out. They time out at the send-time limit, so the reader's
	 * wait for each message stays within its 10 s.
	 */
	@Test
	void moreStalledClientsThanOutboundThreadsHoldNobodyUpBeyondTheSendTimeLimit() throws Exception {
		int stalled = 2 * Runtime.getRuntime().availableProcessors() + 2;
		List<HandMadeWebSocket> stallers = new ArrayList<>();
		try (StompTestClient publisher = StompTestClient.connect(this.port, Transport.WEBSOCKET, "publisher2");
				StompTestClient reader = StompTestClient.connect(this.port, Transport.WEBSOCKET, "reader")) {
			BlockingQueue<JsonNode> presence = publisher.joinWithPresence("stuck");
			assertThat(next(presence).get("sender").asString()).isEqualTo("publisher2");
			BlockingQueue<JsonNode> inbox = reader.join("stuck");
			next(presence);
			for (int i = 0; i < stalled; i++) {
				HandMadeWebSocket staller = HandMadeWebSocket.openWithSmallReceiveBuffer(this.port);
				stallers.add(staller);
				staller.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:stuck" + i + "\n\n\0");
				staller.sendText("SUBSCRIBE\nid:0\ndestination:/topic/rooms.stuck\n\n\0");
				assertThat(next(presence).get("sender").asString()).isEqualTo("stuck" + i);
			}

			String padding = "x".repeat(990);
			int sent = 0;
			int left = 0;
			while (left < stalled) {
				assertThat(sent).as("messages sent before every stalled client was cut off")
					.isLessThan(MAX_BATCHES * BATCH);
				for (int i = sent; i < sent + BATCH; i++) {
					publisher.say("stuck", i + " " + padding);
				}
				for (int i = sent; i < sent + BATCH; i++) {
					assertThat(next(inbox).get("text").asString()).startsWith(i + " ");
				}
				sent += BATCH;
				for (JsonNode message = presence.poll(); message != null; message = presence.poll()) {
					left += message.get("type").asString().equals("LEAVE") ? 1 : 0;
				}
			}
		}
		finally {
			for (HandMadeWebSocket staller : stallers) {
				staller.close();
			}
		}
	}

	/** The LEAVE among the presence messages received so far, if any. */
	private static JsonNode leaveIn(BlockingQueue<JsonNode> presence) {
		for (JsonNode message = presence.poll(); message != null; message = presence.poll()) {
			if (message.get("type").asString().equals("LEAVE")) {
				return message;
			}
		}
		return null;
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		memory.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
