package dev.stompchat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A deliberately light STOMP 1.2 client for load: the JDK's WebSocket, frames written and
 * split by hand, and only the body of each MESSAGE handed on, so that one client process
 * can carry many connections without becoming the bottleneck it measures.
 */
final class StompLoadClient implements WebSocket.Listener {

	private final String login;

	/** Takes each MESSAGE frame; its body is the only part that holds the benchmark's marker. */
	private final Consumer<String> onMessageBody;

	private final CompletableFuture<StompLoadClient> connected = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final AtomicLong errors = new AtomicLong();

	private volatile WebSocket webSocket;

	private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

	private volatile boolean closed;

	private StompLoadClient(String login, Consumer<String> onMessageBody) {
		this.login = login;
		this.onMessageBody = onMessageBody;
	}

	/**
	 * Open a WebSocket and complete the STOMP handshake.
	 * @param login sent as both {@code login} and {@code nickname}, so that servers that
	 * want either are served
	 */
	static CompletableFuture<StompLoadClient> connect(HttpClient http, URI uri, String login,
			Consumer<String> onMessageBody) {
		StompLoadClient client = new StompLoadClient(login, onMessageBody);
		http.newWebSocketBuilder()
			.subprotocols("v12.stomp")
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(uri, client)
			.whenComplete((webSocket, failure) -> {
				if (failure != null) {
					client.connected.completeExceptionally(failure);
				}
			});
		return client.connected;
	}

	void subscribe(String id, String destination) {
		send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\0");
	}

	void send(String destination, String contentType, String body) {
		send("SEND\ndestination:" + destination + "\ncontent-type:" + contentType + "\n\n" + body + "\0");
	}

	long errors() {
		return this.errors.get();
	}

	boolean isClosed() {
		return this.closed;
	}

	void close() {
		WebSocket socket = this.webSocket;
		if (socket != null && !this.closed) {
			send("DISCONNECT\n\n\0");
			synchronized (this) {
				this.sending = this.sending.thenCompose((ignored) -> socket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
			}
		}
	}

	/** The JDK WebSocket takes one send at a time: chain them. */
	private synchronized void send(String frame) {
		WebSocket socket = this.webSocket;
		this.sending = this.sending.thenCompose((ignored) -> socket.sendText(frame, true)).exceptionally((failure) -> {
			this.errors.incrementAndGet();
			return socket;
		});
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.webSocket = webSocket;
		webSocket.request(1);
		send("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + this.login + "\npasscode:bench\nnickname:"
				+ this.login + "\nheart-beat:0,0\n\n\0");
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		if (last && this.partial.isEmpty()) {
			// the usual case, one whole message: no copying into the buffer
			handleFrames(data.toString());
		}
		else {
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				handleFrames(text);
			}
		}
		webSocket.request(1);
		return null;
	}

	private void handleFrames(String text) {
		int start = 0;
		int end;
		while ((end = text.indexOf('\0', start)) >= 0) {
			handleFrame(text, start, end);
			start = end + 1;
		}
		if (start < text.length() && !text.substring(start).isBlank()) {
			// a frame split over WebSocket messages: keep its start for the next one
			this.partial.append(text, start, text.length());
		}
	}

	/** Hands a MESSAGE frame on whole: its body is the only part the listener looks into. */
	private void handleFrame(String text, int from, int to) {
		int start = from;
		while (start < to && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
			start++;
		}
		if (text.startsWith("MESSAGE", start)) {
			this.onMessageBody.accept((from == 0 && to == text.length() - 1) ? text : text.substring(start, to));
		}
		else if (text.startsWith("CONNECTED", start)) {
			this.connected.complete(this);
		}
		else if (text.startsWith("ERROR", start)) {
			this.errors.incrementAndGet();
			this.connected.completeExceptionally(
					new IllegalStateException("STOMP ERROR: " + text.substring(start, to).trim()));
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed = true;
		this.connected.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed = true;
		this.errors.incrementAndGet();
		this.connected.completeExceptionally(error);
	}

}
