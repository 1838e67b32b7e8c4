package dev.stompchat.admission;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;

import dev.stompchat.core.ChatProperties;
import dev.stompchat.core.ClientReplies;
import dev.stompchat.core.ClosingRefusal;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Screens every WebSocket message before Spring decodes it as STOMP, for what Spring lets
 * through: binary messages (which it would decode as STOMP text), frames with thousands
 * of headers, a frame that arrives only in part and then goes quiet (which Spring would
 * buffer for ever), and a connection that never sends CONNECT (which Spring would keep,
 * holding one of its address's connection slots).
 * <p>
 * Each connection's messages are decoded once more here, into a copy of Spring's decoder,
 * so that the screening sees exactly the frames Spring will see. A frame that cannot be
 * decoded is answered here, with {@link ClientErrorHandler}'s sentence and one log line:
 * Spring would log it at ERROR with a stack trace and the client's payload.
 */
@Component
public class FrameScreening implements WebSocketHandlerDecoratorFactory {

	static final CloseStatus BINARY_REFUSED = CloseStatus.NOT_ACCEPTABLE
		.withReason("Binary frames are not accepted: send STOMP as text.");

	private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,9}");

	private final int frameLimit;

	private final int maxHeaders;

	private final Duration incompleteFrameTimeout;

	private final Duration connectTimeout;

	private final ClientErrorHandler errorHandler;

	private final ClientReplies replies;

	private final TaskScheduler scheduler;

	FrameScreening(ChatProperties properties, ClientErrorHandler errorHandler, ClientReplies replies,
			@Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
		this.frameLimit = properties.frameLimit();
		this.maxHeaders = properties.maxHeaders();
		this.incompleteFrameTimeout = properties.incompleteFrameTimeout();
		this.connectTimeout = properties.connectTimeout();
		this.errorHandler = errorHandler;
		this.replies = replies;
		this.scheduler = scheduler;
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new Screened(handler);
	}

	private final class Screened extends WebSocketHandlerDecorator {

		private final Map<String, Connection> connections = new ConcurrentHashMap<>();

		Screened(WebSocketHandler delegate) {
			super(delegate);
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			Connection connection = new Connection(session);
			this.connections.put(session.getId(), connection);
			// before Spring's handling, which may already close the session
			connection.awaitConnect();
			super.afterConnectionEstablished(session);
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
			if (message instanceof BinaryMessage) {
				FrameScreening.this.replies.refused(session.getId(), ClosingRefusal.MALFORMED_FRAME,
						"it sent a binary WebSocket message; closed.");
				session.close(BINARY_REFUSED);
				return;
			}
			if (message instanceof TextMessage text && !admits(session, text)) {
				return;
			}
			super.handleMessage(session, message);
		}

		/**
		 * A message of a connection that is closing is dropped: the container may still
		 * deliver what it had read, and Spring would decode it until its own close
		 * handling ran.
		 */
		private boolean admits(WebSocketSession session, TextMessage text) {
			Connection connection = this.connections.get(session.getId());
			return connection != null && connection.admits(text);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
			Connection connection = this.connections.remove(session.getId());
			if (connection != null) {
				connection.closed();
			}
			if (closeStatus.equalsCode(CloseStatus.BAD_DATA)) {
				// the container closed it before any message reached the screening
				FrameScreening.this.replies.refused(session.getId(), ClosingRefusal.MALFORMED_FRAME,
						"it sent a text message that is not valid UTF-8; closed by the container.");
			}
			super.afterConnectionClosed(session, closeStatus);
		}

	}

	/** What the screening knows of one connection: its decoder copy and its timers. */
	private final class Connection {

		private final WebSocketSession session;

		private final String sessionId;

		private final BufferingStompDecoder decoder = new BufferingStompDecoder(new StompDecoder(),
				FrameScreening.this.frameLimit);

		private @Nullable ScheduledFuture<?> incompleteFrameTimer;

		private @Nullable ScheduledFuture<?> connectTimer;

		private boolean refused;

		Connection(WebSocketSession session) {
			this.session = session;
			this.sessionId = session.getId();
		}

		synchronized void awaitConnect() {
			this.connectTimer = FrameScreening.this.scheduler.schedule(this::connectTimedOut,
					Instant.now().plus(FrameScreening.this.connectTimeout));
		}

		/** Whether Spring may have the message; if not, the client was told why. */
		synchronized boolean admits(TextMessage text) {
			if (this.refused) {
				// what still arrives after the ERROR frame went out
				return false;
			}
			List<Message<byte[]>> decoded;
			try {
				decoded = this.decoder.decode(ByteBuffer.wrap(text.asBytes()));
				checkFrameLimit();
			}
			catch (RuntimeException ex) {
				ClientErrorHandler errorHandler = FrameScreening.this.errorHandler;
				refuse(errorHandler.reasonFor(ex), errorHandler.describe(ex));
				return false;
			}
			for (Message<byte[]> frame : decoded) {
				Problem problem = FrameScreening.this.problemWith(frame);
				if (problem != null) {
					refuse(problem.reason(), problem.sentence());
					return false;
				}
				if (isConnect(frame)) {
					cancelConnectTimer();
				}
			}
			if (this.decoder.getBufferSize() == 0) {
				cancelTimer();
			}
			else if (this.incompleteFrameTimer == null) {
				// not restarted by later parts: a frame dribbled in byte by byte must
				// still end in time
				this.incompleteFrameTimer = FrameScreening.this.scheduler.schedule(this::timedOut,
						Instant.now().plus(FrameScreening.this.incompleteFrameTimeout));
			}
			return true;
		}

		/**
		 * Spring's decoder learns a frame's content-length while decoding its first part,
		 * but checks it against the limit only when the next part arrives: a frame that
		 * can never fit would wait for the incomplete-frame timeout. Thrown as Spring
		 * would throw it then, so it is answered in the same words.
		 */
		private void checkFrameLimit() {
			Integer expected = this.decoder.getExpectedContentLength();
			int limit = FrameScreening.this.frameLimit;
			if ((expected != null && expected > limit) || this.decoder.getBufferSize() > limit) {
				throw new StompConversionException("The frame exceeds the buffer size limit of " + limit + " bytes");
			}
		}

		private synchronized void timedOut() {
			if (!this.refused && this.decoder.getBufferSize() > 0) {
				this.incompleteFrameTimer = null;
				refuse(ClosingRefusal.INCOMPLETE_FRAME, "Incomplete frame: the rest of it did not arrive within "
						+ inWords(FrameScreening.this.incompleteFrameTimeout) + ".");
			}
		}

		private void connectTimedOut() {
			synchronized (this) {
				if (this.connectTimer == null) {
					// CONNECT arrived, or the connection closed, as the timer went off
					return;
				}
				this.connectTimer = null;
				this.refused = true;
				cancelTimer();
			}
			String timeout = inWords(FrameScreening.this.connectTimeout);
			FrameScreening.this.replies.refused(this.sessionId, ClosingRefusal.CONNECT_TIMEOUT,
					"it sent no CONNECT frame within " + timeout + "; closed.");
			try {
				this.session.close(CloseStatus.POLICY_VIOLATION
					.withReason("No CONNECT frame within " + timeout + ": the connection was closed."));
			}
			catch (IOException | RuntimeException ex) {
				// the connection is gone either way
			}
		}

		private void refuse(ClosingRefusal reason, String sentence) {
			this.refused = true;
			cancelTimer();
			cancelConnectTimer();
			// Spring closes the connection once the ERROR frame is out
			FrameScreening.this.replies.refuseAndClose(this.sessionId, reason, sentence, null);
		}

		synchronized void closed() {
			this.refused = true;
			cancelTimer();
			cancelConnectTimer();
		}

		private void cancelTimer() {
			if (this.incompleteFrameTimer != null) {
				this.incompleteFrameTimer.cancel(false);
				this.incompleteFrameTimer = null;
			}
		}

		private void cancelConnectTimer() {
			if (this.connectTimer != null) {
				this.connectTimer.cancel(false);
				this.connectTimer = null;
			}
		}

	}

	private static boolean isConnect(Message<byte[]> frame) {
		StompCommand command = StompHeaderAccessor.getCommand(frame.getHeaders());
		return command == StompCommand.CONNECT || command == StompCommand.STOMP;
	}

	/**
	 * A timeout as the client reads it: {@code 5 s}, or {@code 500 ms} when not whole
	 * seconds.
	 */
	private static String inWords(Duration timeout) {
		return (timeout.toMillis() % 1000 == 0) ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
	}

	/**
	 * What Spring's decoder accepts but this server does not: too many headers, a
	 * content-length that Spring would silently ignore (not a number, or twice, where
	 * another reader might take the second), and a line break in a header (written
	 * escaped), which could only be an attempt to inject a header downstream.
	 */
	private @Nullable Problem problemWith(Message<byte[]> frame) {
		StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
		Map<String, List<String>> headers = (accessor != null) ? accessor.toNativeHeaderMap() : Map.of();
		if (headers.values().stream().mapToInt(List::size).sum() > this.maxHeaders) {
			return new Problem(ClosingRefusal.TOO_MANY_HEADERS,
					"Too many headers: a frame may have at most " + this.maxHeaders + ".");
		}
		List<String> contentLength = headers.getOrDefault(StompHeaderAccessor.STOMP_CONTENT_LENGTH_HEADER, List.of());
		if (contentLength.size() > 1) {
			return Problem.malformed("Malformed STOMP frame: content-length must appear only once.");
		}
		if (contentLength.size() == 1 && !CONTENT_LENGTH.matcher(contentLength.get(0)).matches()) {
			return Problem.malformed("Malformed STOMP frame: content-length must be a number of bytes.");
		}
		boolean lineBreak = headers.entrySet()
			.stream()
			.anyMatch((header) -> hasLineBreak(header.getKey())
					|| header.getValue().stream().anyMatch(FrameScreening::hasLineBreak));
		if (lineBreak) {
			return Problem.malformed("Malformed STOMP frame: a header must not contain a line break.");
		}
		return null;
	}

	private static boolean hasLineBreak(String text) {
		return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
	}

	/** Why a frame is refused, and what the client is told. */
	private record Problem(ClosingRefusal reason, String sentence) {

		static Problem malformed(String sentence) {
			return new Problem(ClosingRefusal.MALFORMED_FRAME, sentence);
		}

	}

}
