package dev.stompchat.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain WebSocket to {@code /ws}, or a SockJS session over WebSocket to
 * {@code /sockjs}, that sends STOMP frames as written, for what a well behaved STOMP
 * client would never send.
 */
public final class RawStompSocket implements AutoCloseable {

	private final WebSocketSession session;

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final AtomicInteger binaryMessages = new AtomicInteger();

	private final List<Integer> framesPerMessage = new CopyOnWriteArrayList<>();

	private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

	private RawStompSocket(WebSocketClient client, String url) throws Exception {
		this.session = client.execute(new AbstractWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				received(message.getPayload());
			}

			@Override
			protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
				RawStompSocket.this.binaryMessages.incrementAndGet();
				received(StandardCharsets.UTF_8.decode(message.getPayload()).toString());
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
				RawStompSocket.this.closed.complete(status);
			}

		}, url).get(10, TimeUnit.SECONDS);
	}

	/**
	 * Takes the frames of one WebSocket message, each up to its NUL: the server may write
	 * several in one message.
	 */
	private void received(String payload) {
		List<String> frames = new ArrayList<>();
		int start = 0;
		for (int nul = payload.indexOf('\0'); nul >= 0; nul = payload.indexOf('\0', start)) {
			frames.add(payload.substring(start, nul + 1));
			start = nul + 1;
		}
		// counted before the frames can be taken, so that whoever has taken them sees the
		// count
		this.framesPerMessage.add(frames.size());
		this.frames.addAll(frames);
		if (start < payload.length()) {
			this.frames.add(payload.substring(start));
		}
	}

	public static RawStompSocket open(int port) throws Exception {
		RawStompSocket socket = new RawStompSocket(new StandardWebSocketClient(), "ws://localhost:" + port + "/ws");
		socket.session.setTextMessageSizeLimit(64 * 1024);
		return socket;
	}

	/** Open a SockJS session over WebSocket; each frame sent is one SockJS message. */
	public static RawStompSocket openSockJs(int port) throws Exception {
		return new RawStompSocket(Transport.SOCKJS_WEBSOCKET.client(), Transport.SOCKJS_WEBSOCKET.url(port));
	}

	/** Open a socket and complete the STOMP handshake as {@code nickname}. */
	public static RawStompSocket connectAs(int port, String nickname) throws Exception {
		return open(port).connect(nickname);
	}

	/**
	 * Open a SockJS session over WebSocket and complete the STOMP handshake as
	 * {@code nickname}.
	 */
	public static RawStompSocket connectAsOverSockJs(int port, String nickname) throws Exception {
		return openSockJs(port).connect(nickname);
	}

	/**
	 * Complete the STOMP handshake as {@code nickname} over {@code /ws}, or over SockJS's
	 * WebSocket for any SockJS transport.
	 */
	public static RawStompSocket connectAs(int port, Transport transport, String nickname) throws Exception {
		return (transport == Transport.WEBSOCKET) ? connectAs(port, nickname) : connectAsOverSockJs(port, nickname);
	}

	/**
	 * Subscribe to a room's topic and wait for the subscription's receipt, reading the
	 * room's presence that comes before it.
	 */
	public void watch(String room) throws Exception {
		send("SUBSCRIBE\nid:0\ndestination:/topic/rooms." + room + "\nreceipt:joined\n\n\0");
		while (!nextFrame().startsWith("RECEIPT\n")) {
			// the room's presence, before the receipt
		}
	}

	private RawStompSocket connect(String nickname) throws Exception {
		send("CONNECT\naccept-version:1.2\nhost:localhost\nnickname:" + nickname + "\n\n\0");
		assertThat(nextFrame()).startsWith("CONNECTED\n");
		return this;
	}

	public void send(String rawFrame) throws IOException {
		this.session.sendMessage(new TextMessage(rawFrame));
	}

	public void sendBinary(byte[] payload) throws IOException {
		this.session.sendMessage(new BinaryMessage(payload));
	}

	/** The next frame the server sent, heart-beats skipped. */
	public String nextFrame() throws InterruptedException {
		while (true) {
			String frame = this.frames.poll(StompTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(frame).as("a frame within %s", StompTestClient.TIMEOUT).isNotNull();
			if (!frame.isBlank()) {
				return frame;
			}
		}
	}

	/**
	 * The frames received and not yet taken, heart-beats skipped: after a close, all that
	 * came.
	 */
	public List<String> framesLeft() {
		List<String> left = new ArrayList<>();
		this.frames.drainTo(left);
		left.removeIf(String::isBlank);
		return left;
	}

	/**
	 * How many frames each WebSocket message so far held, in the order they came;
	 * heart-beats count as none.
	 */
	public List<Integer> framesPerMessage() {
		return List.copyOf(this.framesPerMessage);
	}

	/** How many WebSocket messages so far were binary. */
	public int binaryMessages() {
		return this.binaryMessages.get();
	}

	/** Wait for a heart-beat: an end-of-line alone, outside any frame. */
	public void awaitHeartbeat() throws InterruptedException {
		while (true) {
			String frame = this.frames.poll(StompTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(frame).as("a heart-beat within %s", StompTestClient.TIMEOUT).isNotNull();
			if (frame.isBlank()) {
				return;
			}
		}
	}

	/**
	 * Count the heart-beats that arrive within {@code window}, each an end-of-line alone,
	 * outside any frame; any other frame fails. With {@code answer}, each one is answered
	 * with a heart-beat of the client's own, as a client that promised them would.
	 */
	public int heartbeatsWithin(Duration window, boolean answer) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + window.toNanos();
		int heartbeats = 0;
		for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			String frame = this.frames.poll(left, TimeUnit.NANOSECONDS);
			if (frame == null) {
				break;
			}
			assertThat(frame).as("only heart-beats").isBlank();
			heartbeats += (int) frame.chars().filter((c) -> c == '\n').count();
			if (answer) {
				send("\n");
			}
		}
		return heartbeats;
	}

	/** The {@code message} header of the next frame, which must be an ERROR. */
	public String nextErrorMessage() throws InterruptedException {
		String frame = nextFrame();
		assertThat(frame).startsWith("ERROR\n");
		return frame.lines()
			.takeWhile((line) -> !line.isEmpty())
			.filter((line) -> line.startsWith("message:"))
			.map((line) -> unescape(line.substring("message:".length())))
			.findFirst()
			.orElseThrow(() -> new AssertionError("ERROR frame without a message header: " + frame));
	}

	private static String unescape(String headerValue) {
		return headerValue.replace("\\c", ":").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
	}

	public CloseStatus awaitClose() throws Exception {
		return this.closed.get(StompTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	@Override
	public void close() throws IOException {
		if (this.session.isOpen()) {
			this.session.close();
		}
	}

}
