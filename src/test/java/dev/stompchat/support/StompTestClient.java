package dev.stompchat.support;

import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real STOMP client for tests: connects with a nickname, collects what each
 * subscription receives in a queue, and records ERROR frames and lost connections.
 */
public final class StompTestClient implements AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TOKEN_HEADER = "nickname-token";

	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	private final WebSocketStompClient stompClient;

	private final StompSession session;

	private final Handler handler;

	private final BlockingQueue<JsonNode> errors;

	private final CompletableFuture<Closed> closed;

	private StompTestClient(WebSocketStompClient stompClient, StompSession session, Handler handler,
			CompletableFuture<Closed> closed) {
		this.stompClient = stompClient;
		this.session = session;
		this.handler = handler;
		this.closed = closed;
		this.errors = subscribe("/user/queue/errors");
	}

	public static StompTestClient connect(int port, Transport transport, String nickname) {
		return connect(port, transport, nickname, new StompHeaders());
	}

	/**
	 * Connect, presenting the last token this test run was given for the nickname, as the
	 * page does: a test may then reconnect under a nickname before the server has noticed
	 * that its previous connection ended.
	 */
	public static StompTestClient connect(int port, Transport transport, String nickname, StompHeaders connectHeaders) {
		return connect(transport.url(port), transport.client(), transport.toString(), nickname, connectHeaders);
	}

	/**
	 * Connect over TLS ({@code wss://} and, for SockJS, {@code https://}), trusting the
	 * certificates that the SSL context trusts.
	 */
	public static StompTestClient connectSecurely(int port, Transport transport, SSLContext sslContext,
			String nickname) {
		return connect(transport.secureUrl(port), transport.client(sslContext), transport + " over TLS", nickname,
				new StompHeaders());
	}

	private static StompTestClient connect(String url, WebSocketClient webSocketClient, String description,
			String nickname, StompHeaders connectHeaders) {
		String token = TOKENS.get(nickname);
		if (token != null && !connectHeaders.containsKey(TOKEN_HEADER)) {
			connectHeaders.set(TOKEN_HEADER, token);
		}
		StompTestClient client = connectPresenting(url, webSocketClient, description, nickname, connectHeaders);
		String issued = client.connectedHeaders().getFirst(TOKEN_HEADER);
		if (issued != null) {
			TOKENS.put(nickname, issued);
		}
		return client;
	}

	private static StompTestClient connectPresenting(String url, WebSocketClient webSocketClient, String description,
			String nickname, StompHeaders connectHeaders) {
		CompletableFuture<Closed> closed = new CompletableFuture<>();
		WebSocketStompClient stompClient = new WebSocketStompClient(new CloseRecorder(webSocketClient, closed));
		stompClient.setMessageConverter(new JsonTextConverter());
		// large enough for a long history answer
		stompClient.setInboundMessageSizeLimit(1024 * 1024);
		// receipts need a scheduler; with one, the client would also ask for heart-beats
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		stompClient.setTaskScheduler(scheduler);
		if (connectHeaders.getHeartbeat() == null) {
			connectHeaders.setHeartbeat(new long[] { 0, 0 });
		}
		connectHeaders.set("nickname", nickname);
		Handler handler = new Handler();
		try {
			StompSession session = stompClient.connectAsync(url, new WebSocketHttpHeaders(), connectHeaders, handler)
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return new StompTestClient(stompClient, session, handler, closed);
		}
		catch (Exception ex) {
			stompClient.stop();
			throw new IllegalStateException("Could not connect as " + nickname + " over " + description, ex);
		}
	}

	/** Subscribe and collect each MESSAGE body, parsed as JSON. */
	public BlockingQueue<JsonNode> subscribe(String destination) {
		return subscribe(destination, new StompHeaders(), (message) -> true).messages();
	}

	private Subscribed subscribe(String destination, StompHeaders headers, Predicate<JsonNode> filter) {
		BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
		headers.setDestination(destination);
		StompSession.Subscription subscription = this.session.subscribe(headers, new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return String.class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				JsonNode message = JSON.readTree((String) payload);
				if (filter.test(message)) {
					queue.add(message);
				}
			}

		});
		return new Subscribed(subscription, queue);
	}

	/**
	 * Subscribe to a room's topic, wait until the server has registered it, and collect
	 * the chat messages (presence announcements left out).
	 */
	public BlockingQueue<JsonNode> join(String room) {
		return join(room, (message) -> "CHAT".equals(message.get("type").asString())).messages();
	}

	/** Like {@link #join(String)}, collecting every message, JOIN and LEAVE included. */
	public BlockingQueue<JsonNode> joinWithPresence(String room) {
		return join(room, (message) -> true).messages();
	}

	/** Join a room and return the subscription, so that it can be ended. */
	public Subscribed joinForUnsubscribe(String room) {
		return join(room, (message) -> true);
	}

	private Subscribed join(String room, Predicate<JsonNode> filter) {
		Subscribed subscribed = subscribe("/topic/rooms." + room, new StompHeaders(), filter);
		awaitProcessed();
		return subscribed;
	}

	/**
	 * Subscribe to an application destination, which answers once, and return the answer.
	 * @param headers extra SUBSCRIBE headers, in name-value pairs
	 */
	public JsonNode request(String destination, String... headers) {
		StompHeaders subscribeHeaders = new StompHeaders();
		for (int i = 0; i < headers.length; i += 2) {
			subscribeHeaders.add(headers[i], headers[i + 1]);
		}
		Subscribed subscribed = subscribe(destination, subscribeHeaders, (message) -> true);
		try {
			return next(subscribed.messages());
		}
		finally {
			subscribed.subscription().unsubscribe();
		}
	}

	/**
	 * Say something in a room with a {@code receipt} header; the future completes on
	 * RECEIPT.
	 */
	public CompletableFuture<String> sayWithReceipt(String room, String text, String receipt) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination("/app/rooms." + room + ".send");
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setReceipt(receipt);
		CompletableFuture<String> received = new CompletableFuture<>();
		StompSession.Receiptable receiptable = this.session.send(headers,
				JSON.writeValueAsString(JSON.createObjectNode().put("text", text)));
		receiptable.addReceiptTask(() -> received.complete(receipt));
		return received;
	}

	/**
	 * Wait until the server has processed every frame sent so far. The server handles one
	 * connection's frames in order, so the answer to a probe sent now comes after them.
	 */
	public void awaitProcessed() {
		send("/app/probe", "{}");
		JsonNode answer = nextError();
		assertThat(answer.get("destination").asString()).isEqualTo("/app/probe");
	}

	public void say(String room, String text) {
		send("/app/rooms." + room + ".send", JSON.writeValueAsString(JSON.createObjectNode().put("text", text)));
	}

	public void send(String destination, String jsonBody) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		this.session.send(headers, jsonBody);
	}

	public JsonNode nextError() {
		return next(this.errors);
	}

	public BlockingQueue<JsonNode> errors() {
		return this.errors;
	}

	public StompHeaders connectedHeaders() {
		return this.handler.connectedHeaders.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	public BlockingQueue<StompHeaders> errorFrames() {
		return this.handler.errorFrames;
	}

	public boolean isConnected() {
		return this.session.isConnected();
	}

	/**
	 * Wait until the connection is closed, and say how: over SockJS, the status of the
	 * SockJS close frame.
	 */
	public Closed awaitClosed() {
		return this.closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/** Whether the connection was closed, by either side. */
	public boolean isClosed() {
		return this.closed.isDone();
	}

	public static JsonNode next(BlockingQueue<JsonNode> queue) {
		try {
			JsonNode node = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(node).as("a message within %s", TIMEOUT).isNotNull();
			return node;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			if (this.session.isConnected()) {
				this.session.disconnect();
			}
		}
		finally {
			this.stompClient.stop();
		}
	}

	/**
	 * How and when the connection was closed.
	 *
	 * @param nanoTime {@link System#nanoTime()} when the client learnt of it
	 */
	public record Closed(CloseStatus status, long nanoTime) {
	}

	/** A subscription and what it has received. */
	public record Subscribed(StompSession.Subscription subscription, BlockingQueue<JsonNode> messages) {
	}

	/** Records how the connection closes, which the STOMP session does not tell. */
	private static final class CloseRecorder implements WebSocketClient {

		private final WebSocketClient client;

		private final CompletableFuture<Closed> closed;

		CloseRecorder(WebSocketClient client, CompletableFuture<Closed> closed) {
			this.client = client;
			this.closed = closed;
		}

		@Override
		public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate,
				@Nullable Object... uriVariables) {
			return this.client.execute(recording(handler), uriTemplate, uriVariables);
		}

		@Override
		public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler,
				@Nullable WebSocketHttpHeaders headers, URI uri) {
			return this.client.execute(recording(handler), headers, uri);
		}

		private WebSocketHandler recording(WebSocketHandler handler) {
			return new WebSocketHandlerDecorator(handler) {

				@Override
				public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
					CloseRecorder.this.closed.complete(new Closed(status, System.nanoTime()));
					super.afterConnectionClosed(session, status);
				}

			};
		}

	}

	/** Reads and writes bodies as text, whatever their content type says. */
	private static final class JsonTextConverter extends StringMessageConverter {

		@Override
		protected boolean supportsMimeType(MessageHeaders headers) {
			return true;
		}

	}

	private static final class Handler extends StompSessionHandlerAdapter {

		private final BlockingQueue<StompHeaders> errorFrames = new LinkedBlockingQueue<>();

		private final CompletableFuture<StompHeaders> connectedHeaders = new CompletableFuture<>();

		@Override
		public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
			this.connectedHeaders.complete(connectedHeaders);
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			this.errorFrames.add(headers);
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return String.class;
		}

		@Override
		public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
				Throwable exception) {
			throw new IllegalStateException("Unexpected failure handling " + command, exception);
		}

	}

}
