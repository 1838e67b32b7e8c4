package dev.stompchat.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.messaging.Message;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What waits to be written to one connection, in the order it was sent, and the one
 * writer at a time that writes it.
 * <p>
 * The outbound channel hands every frame for a connection to its outbox on the sending
 * thread, which only queues it; the first frame of an empty outbox puts the outbox on the
 * {@link OutboundBacklog}, whose threads write it. So a broadcast to a room of 1000 costs
 * 1000 queue insertions on the broadcasting thread, not 1000 thread hand-offs, and the
 * connection's order is its outbox's order.
 * <p>
 * A writer takes everything the outbox held when it started. Broadcast frames in a row go
 * out together, several STOMP frames in one WebSocket message (STOMP clients read frames
 * up to each NUL, however messages cut them), up to {@link #COALESCED_BYTES}: a busy
 * connection gets fewer, larger writes, while a lone frame is written at once.
 * <p>
 * A connection that does not read is cut off as Spring's session decorator would cut it
 * off: once a write to it has taken longer than the send-time limit, or more than the
 * send-buffer limit waits behind a write in progress.
 */
final class Outbox {

	/**
	 * The most bytes of frames written as one WebSocket message: the default message
	 * buffer of Tomcat's and Jetty's WebSocket clients is 8 KiB or more, and a single
	 * larger frame still goes alone.
	 */
	static final int COALESCED_BYTES = 8 * 1024;

	private final WebSocketSession session;

	private final boolean textOnly;

	private final Connection connection;

	private final OutboundBacklog backlog;

	private final long sendTimeLimitNanos;

	private final long sendBufferSizeLimit;

	private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	// when the write in progress started; 0 while none is
	private volatile long writingSince;

	// when the outbox last went on the backlog's queue
	private volatile long readySince;

	private volatile boolean ended;

	// when the last two frames came: the first frame of an empty outbox is held back
	// only if the one before came a moment before it
	private volatile long lastFrameAt = Long.MIN_VALUE / 2;

	private volatile long previousFrameAt = Long.MIN_VALUE / 2;

	Outbox(WebSocketSession session, boolean textOnly, Connection connection, OutboundBacklog backlog,
			long sendTimeLimitNanos, long sendBufferSizeLimit) {
		this.session = session;
		this.textOnly = textOnly;
		this.connection = connection;
		this.backlog = backlog;
		this.sendTimeLimitNanos = sendTimeLimitNanos;
		this.sendBufferSizeLimit = sendBufferSizeLimit;
	}

	WebSocketSession session() {
		return this.session;
	}

	/** Completes once the connection's end has been handled. */
	CompletableFuture<Void> closed() {
		return this.closed;
	}

	/** Queues a broadcast's frame, already encoded. */
	void offerFrame(byte[] frame) {
		offer(new Frame(frame));
	}

	/** Queues a message for Spring's STOMP handler to write, in its turn. */
	void offerMessage(Message<?> message) {
		offer(new Handled(message));
	}

	/** Queues a close with this status, behind what is queued already. */
	void offerClose(CloseStatus status) {
		offer(new Close(status));
	}

	private void offer(Entry entry) {
		if (this.ended) {
			return;
		}
		this.previousFrameAt = this.lastFrameAt;
		this.lastFrameAt = System.nanoTime();
		this.entries.add(entry);
		this.queued.incrementAndGet();
		long bytes = this.queuedBytes.addAndGet(entry.size());
		this.backlog.added();
		if (this.ended) {
			// ended as it was queued: end() may have emptied the queue before it came
			dropQueued();
			return;
		}
		// while a writer is at work most frames find the outbox scheduled:
		// a plain read spares them the compare-and-set
		if (!this.scheduled.get() && this.scheduled.compareAndSet(false, true)) {
			this.backlog.schedule(this);
		}
		else if (overLimits(bytes)) {
			this.ended = true;
			this.connection.limitExceeded(this);
		}
	}

	private boolean overLimits(long bytes) {
		long since = this.writingSince;
		return since != 0 && (bytes > this.sendBufferSizeLimit || System.nanoTime() - since > this.sendTimeLimitNanos);
	}

	void markReady(long now) {
		this.readySince = now;
	}

	/** How long before now the frame before the last came, in nanoseconds. */
	long previousFrameNanos(long now) {
		return now - this.previousFrameAt;
	}

	/** How long this outbox has waited on the backlog's queue, in nanoseconds. */
	long waitingNanos(long now) {
		return now - this.readySince;
	}

	/**
	 * Writes what the outbox holds now, on one of the backlog's threads; what is queued
	 * meanwhile waits for the next turn, so that a busy connection does not hold a thread
	 * from the others.
	 */
	void write() {
		this.writingSince = Math.max(1, System.nanoTime());
		try {
			writeQueued(this.queued.get());
		}
		catch (RuntimeException ex) {
			this.ended = true;
			this.connection.sendFailed(this, ex);
		}
		finally {
			this.writingSince = 0;
			if (this.ended) {
				dropQueued();
			}
			this.scheduled.set(false);
		}
		if (!this.entries.isEmpty() && !this.ended && this.scheduled.compareAndSet(false, true)) {
			this.backlog.schedule(this);
		}
	}

	private void writeQueued(int count) {
		List<byte[]> run = new ArrayList<>();
		int runBytes = 0;
		for (int i = 0; i < count && !this.ended; i++) {
			Entry entry = this.entries.poll();
			if (entry == null) {
				break;
			}
			if (entry instanceof Frame frame) {
				if (runBytes > 0 && runBytes + frame.size() > COALESCED_BYTES) {
					send(run, runBytes);
					run.clear();
					runBytes = 0;
				}
				run.add(frame.bytes());
				runBytes += frame.size();
				continue;
			}
			if (runBytes > 0) {
				send(run, runBytes);
				run.clear();
				runBytes = 0;
			}
			taken(entry.size());
			if (entry instanceof Handled handled) {
				this.connection.handle(this, handled.message());
			}
			else if (entry instanceof Close close) {
				this.connection.close(this, close.status());
			}
		}
		if (runBytes > 0) {
			send(run, runBytes);
		}
	}

	private void send(List<byte[]> frames, int bytes) {
		byte[] payload = (frames.size() == 1) ? frames.get(0) : joined(frames, bytes);
		WebSocketMessage<?> message = this.textOnly ? new TextMessage(payload) : new BinaryMessage(payload);
		try {
			if (!this.ended) {
				this.session.sendMessage(message);
			}
		}
		catch (Exception ex) {
			this.ended = true;
			this.connection.sendFailed(this, ex);
		}
		finally {
			this.queued.addAndGet(-frames.size());
			this.queuedBytes.addAndGet(-bytes);
			this.backlog.removed(frames.size());
		}
	}

	private void taken(int bytes) {
		this.queued.decrementAndGet();
		this.queuedBytes.addAndGet(-bytes);
		this.backlog.removed(1);
	}

	private static byte[] joined(List<byte[]> frames, int bytes) {
		byte[] joined = new byte[bytes];
		int at = 0;
		for (byte[] frame : frames) {
			System.arraycopy(frame, 0, joined, at, frame.length);
			at += frame.length;
		}
		return joined;
	}

	/**
	 * The connection has ended: what is still queued is dropped, and nothing more is
	 * taken.
	 */
	void end() {
		this.ended = true;
		dropQueued();
		this.closed.complete(null);
	}

	private void dropQueued() {
		for (Entry entry = this.entries.poll(); entry != null; entry = this.entries.poll()) {
			taken(entry.size());
		}
	}

	/** What an outbox asks of the connection it writes to. */
	interface Connection {

		/** Writes a message that Spring's STOMP handler encodes. */
		void handle(Outbox outbox, Message<?> message);

		/** Closes the connection, once what was queued before has been written. */
		void close(Outbox outbox, CloseStatus status);

		/** A write failed: the connection is given up. */
		void sendFailed(Outbox outbox, Exception ex);

		/**
		 * A write has taken longer than the send-time limit, or too much waits behind it;
		 * called on the thread that queued the last frame, which must not block.
		 */
		void limitExceeded(Outbox outbox);

	}

	private sealed interface Entry permits Frame, Handled, Close {

		int size();

	}

	private record Frame(byte[] bytes) implements Entry {

		@Override
		public int size() {
			return this.bytes.length;
		}

	}

	private record Handled(Message<?> message) implements Entry {

		@Override
		public int size() {
			return (this.message.getPayload() instanceof byte[] payload) ? payload.length : 0;
		}

	}

	private record Close(CloseStatus status) implements Entry {

		@Override
		public int size() {
			return 0;
		}

	}

}
