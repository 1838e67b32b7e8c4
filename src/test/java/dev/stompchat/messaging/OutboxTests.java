package dev.stompchat.messaging;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.stompchat.core.TestChatProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a connection's outbox writes what it is given: at once when it holds one frame,
 * several frames as one WebSocket message when they waited together, always in the order
 * they came; and how long they waited, which is what the overload bound reads.
 */
class OutboxTests {

	private static final long SEND_TIME_LIMIT = TimeUnit.SECONDS.toNanos(10);

	private final Writers writers = new Writers();

	private final OutboundBacklog backlog = new OutboundBacklog(TestChatProperties.with("chat.overload.max-wait=10ms"));

	private final RecordingSession session = new RecordingSession();

	private final RecordingConnection connection = new RecordingConnection(this.session);

	private final Outbox outbox = new Outbox(this.session, false, this.connection, this.backlog, SEND_TIME_LIMIT,
			64 * 1024);

	@BeforeEach
	void writeWithTheTestsWriters() {
		this.backlog.writeWith(this.writers, 1);
	}

	@Test
	void aLoneFrameIsWrittenByItselfAsSoonAsAWriterRuns() {
		this.outbox.offerFrame(frame("a", 10));

		assertThat(this.writers.pending()).isEqualTo(1);
		this.writers.runAll();

		assertThat(this.session.sent).containsExactly("binary:" + text("a", 10));
	}

	@Test
	void framesThatWaitedTogetherGoOutAsOneWebSocketMessage() {
		this.outbox.offerFrame(frame("a", 10));
		this.outbox.offerFrame(frame("b", 10));
		this.outbox.offerFrame(frame("c", 10));

		assertThat(this.writers.pending()).as("one writer").isEqualTo(1);
		this.writers.runAll();

		assertThat(this.session.sent).containsExactly("binary:" + text("a", 10) + text("b", 10) + text("c", 10));
	}

	@Test
	void aWebSocketMessageHoldsAtMostTheCoalescingBoundUnlessOneFrameIsLarger() {
		int third = Outbox.COALESCED_BYTES / 3 + 1;
		this.outbox.offerFrame(frame("a", third));
		this.outbox.offerFrame(frame("b", third));
		this.outbox.offerFrame(frame("c", third));
		this.outbox.offerFrame(frame("d", Outbox.COALESCED_BYTES * 2));
		this.outbox.offerFrame(frame("e", 10));

		this.writers.runAll();

		assertThat(this.session.sent).containsExactly("binary:" + text("a", third) + text("b", third),
				"binary:" + text("c", third), "binary:" + text("d", Outbox.COALESCED_BYTES * 2),
				"binary:" + text("e", 10));
	}

	@Test
	void messagesForSpringsHandlerAndClosesKeepTheirPlaceAmongTheFrames() {
		this.outbox.offerFrame(frame("a", 10));
		this.outbox.offerMessage(MessageBuilder.withPayload(new byte[0]).setHeader("name", "receipt").build());
		this.outbox.offerFrame(frame("b", 10));
		this.outbox.offerFrame(frame("c", 10));
		this.outbox.offerClose(CloseStatus.GOING_AWAY);

		this.writers.runAll();

		assertThat(this.session.sent).containsExactly("binary:" + text("a", 10), "handled:receipt",
				"binary:" + text("b", 10) + text("c", 10), "closed:1001");
	}

	@Test
	void sockJsConnectionsGetText() {
		Outbox sockJs = new Outbox(this.session, true, this.connection, this.backlog, SEND_TIME_LIMIT, 64 * 1024);

		sockJs.offerFrame(frame("a", 10));
		sockJs.offerFrame(frame("b", 10));
		this.writers.runAll();

		assertThat(this.session.sent).containsExactly("text:" + text("a", 10) + text("b", 10));
	}

	@Test
	void whatIsQueuedMeanwhileIsWrittenInTheNextTurn() {
		this.outbox.offerFrame(frame("a", 10));
		this.session.onSend = () -> {
			this.session.onSend = null;
			this.outbox.offerFrame(frame("b", 10));
		};

		this.writers.runAll();

		assertThat(this.session.sent).containsExactly("binary:" + text("a", 10), "binary:" + text("b", 10));
	}

	@Test
	void connectionsWithFramesGetOneWriterPerThreadNotOnePerConnection() {
		this.backlog.writeWith(this.writers, 2);
		List<RecordingSession> sessions = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			RecordingSession session = new RecordingSession();
			sessions.add(session);
			new Outbox(session, false, new RecordingConnection(session), this.backlog, SEND_TIME_LIMIT, 64 * 1024)
				.offerFrame(frame("f" + i, 10));
		}

		assertThat(this.writers.pending()).isEqualTo(2);
		this.writers.runAll();

		for (int i = 0; i < 10; i++) {
			assertThat(sessions.get(i).sent).containsExactly("binary:" + text("f" + i, 10));
		}
		assertThat(this.backlog.frames()).isZero();
	}

	@Test
	void framesWaitingForAWriterCountAsBacklogAndPastTheBoundAsOverload() {
		this.outbox.offerFrame(frame("a", 10));
		this.outbox.offerFrame(frame("b", 10));

		assertThat(this.backlog.frames()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).until(this.backlog::isOverloaded);
		assertThat(this.backlog.oldestWait()).isGreaterThan(Duration.ofMillis(10));

		this.writers.runAll();

		assertThat(this.backlog.frames()).isZero();
		assertThat(this.backlog.oldestWait()).isZero();
		assertThat(this.backlog.isOverloaded()).isFalse();
	}

	@Test
	void anEndedOutboxDropsWhatItHeldAndTakesNothingMore() {
		this.outbox.offerFrame(frame("a", 10));

		this.outbox.end();
		this.outbox.offerFrame(frame("b", 10));
		this.writers.runAll();

		assertThat(this.session.sent).isEmpty();
		assertThat(this.backlog.frames()).isZero();
		assertThat(this.outbox.closed()).isDone();
	}

	@Test
	void aFailedWriteGivesTheConnectionUp() {
		this.session.failing = true;
		this.outbox.offerFrame(frame("a", 10));
		this.outbox.offerFrame(frame("b", 10));

		this.writers.runAll();

		assertThat(this.connection.failures).hasSize(1);
		assertThat(this.backlog.frames()).isZero();
	}

	@Test
	void moreThanTheSendBufferLimitBehindAWriteInProgressCutsTheConnectionOff() throws Exception {
		Outbox small = new Outbox(this.session, false, this.connection, this.backlog, SEND_TIME_LIMIT, 100);
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.session.onSend = () -> {
			writing.countDown();
			awaitLatch(release);
		};
		small.offerFrame(frame("a", 10));
		CompletableFuture<Void> writer = CompletableFuture.runAsync(this.writers::runAll);
		awaitLatch(writing);

		small.offerFrame(frame("b", 60));
		assertThat(this.connection.cutOff).isFalse();
		small.offerFrame(frame("c", 60));
		assertThat(this.connection.cutOff).isTrue();

		release.countDown();
		writer.get(5, TimeUnit.SECONDS);
		assertThat(this.session.sent).containsExactly("binary:" + text("a", 10));
	}

	@Test
	void onABusyServerAFrameRightAfterAnotherIsHeldBackForTheWindowAndGoesOutWithThoseThatFollow() {
		OutboundBacklog busy = new OutboundBacklog(
				TestChatProperties.with("chat.coalescing.above=0", "chat.coalescing.window=1s"));
		busy.writeWith(this.writers, 1);
		Outbox outbox = new Outbox(this.session, false, this.connection, busy, SEND_TIME_LIMIT, 64 * 1024);

		outbox.offerFrame(frame("a", 10));
		assertThat(this.writers.pending()).as("the first frame is not held back").isEqualTo(1);
		this.writers.runAll();
		outbox.offerFrame(frame("b", 10));
		outbox.offerFrame(frame("c", 10));
		assertThat(this.writers.pending()).as("held back").isZero();
		assertThat(busy.frames()).isEqualTo(2);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.writers.pending() == 1);
		this.writers.runAll();

		assertThat(this.session.sent).containsExactly("binary:" + text("a", 10),
				"binary:" + text("b", 10) + text("c", 10));
	}

	@Test
	void belowTheCoalescingRateAFrameRightAfterAnotherIsWrittenAtOnce() {
		OutboundBacklog quiet = new OutboundBacklog(TestChatProperties.with("chat.coalescing.window=1s"));
		quiet.writeWith(this.writers, 1);
		Outbox outbox = new Outbox(this.session, false, this.connection, quiet, SEND_TIME_LIMIT, 64 * 1024);

		outbox.offerFrame(frame("a", 10));
		this.writers.runAll();
		outbox.offerFrame(frame("b", 10));

		assertThat(this.writers.pending()).isEqualTo(1);
		this.writers.runAll();
		assertThat(this.session.sent).containsExactly("binary:" + text("a", 10), "binary:" + text("b", 10));
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] frame(String name, int length) {
		return text(name, length).getBytes(StandardCharsets.UTF_8);
	}

	/** A stand-in frame of this length: its name, then dots, then NUL. */
	private static String text(String name, int length) {
		return name + ".".repeat(length - name.length() - 1) + "\0";
	}

	/** The outbound executor, run by the test. */
	private static final class Writers implements Executor {

		private final Deque<Runnable> tasks = new ArrayDeque<>();

		@Override
		public synchronized void execute(Runnable task) {
			this.tasks.add(task);
		}

		synchronized int pending() {
			return this.tasks.size();
		}

		void runOne() {
			Runnable task;
			synchronized (this) {
				task = this.tasks.poll();
			}
			if (task != null) {
				task.run();
			}
		}

		void runAll() {
			while (pending() > 0) {
				runOne();
			}
		}

	}

	private static final class RecordingConnection implements Outbox.Connection {

		private final RecordingSession session;

		final List<Exception> failures = new CopyOnWriteArrayList<>();

		volatile boolean cutOff;

		RecordingConnection(RecordingSession session) {
			this.session = session;
		}

		@Override
		public void handle(Outbox outbox, Message<?> message) {
			this.session.sent.add("handled:" + message.getHeaders().get("name"));
		}

		@Override
		public void close(Outbox outbox, CloseStatus status) {
			this.session.sent.add("closed:" + status.getCode());
		}

		@Override
		public void sendFailed(Outbox outbox, Exception ex) {
			this.failures.add(ex);
		}

		@Override
		public void limitExceeded(Outbox outbox) {
			this.cutOff = true;
		}

	}

	/** A session that records what is written to it, as text. */
	private static final class RecordingSession implements WebSocketSession {

		final List<String> sent = new CopyOnWriteArrayList<>();

		volatile @Nullable Runnable onSend;

		volatile boolean failing;

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws java.io.IOException {
			if (this.failing) {
				throw new java.io.IOException("Broken pipe");
			}
			Runnable onSend = this.onSend;
			if (onSend != null) {
				onSend.run();
			}
			if (message instanceof BinaryMessage binary) {
				ByteBuffer payload = binary.getPayload();
				byte[] bytes = new byte[payload.remaining()];
				payload.get(bytes);
				this.sent.add("binary:" + new String(bytes, StandardCharsets.UTF_8));
			}
			else if (message instanceof TextMessage text) {
				this.sent.add("text:" + text.getPayload());
			}
		}

		@Override
		public String getId() {
			return "s1";
		}

		@Override
		public @Nullable URI getUri() {
			return null;
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return Map.of();
		}

		@Override
		public @Nullable Principal getPrincipal() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public @Nullable String getAcceptedProtocol() {
			return "v12.stomp";
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getTextMessageSizeLimit() {
			return 0;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return 0;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

		@Override
		public void close(CloseStatus status) {
		}

	}

}
