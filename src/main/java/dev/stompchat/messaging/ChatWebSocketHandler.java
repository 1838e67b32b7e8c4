package dev.stompchat.messaging;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

/**
 * Spring's handler between WebSocket sessions and the message channels, with what a chat
 * server needs on top:
 * <ul>
 * <li>every frame for a session goes through the session's {@link Outbox}, in the order
 * it was sent, and is written by the {@link OutboundBacklog}'s threads; the outbound
 * channel itself has no executor, so that a broadcast is not one thread hand-off per
 * subscriber;
 * <li>every session is wrapped in a {@link FlushBeforeCloseSessionDecorator}, and no
 * write to a client blocks longer than the send-time limit;
 * <li>text is taken in pieces, so that Tomcat keeps no buffer the size of a frame for
 * every connection;
 * <li>a room's broadcast reaches each subscriber from the {@link FanOutBroker}, written
 * by {@link BroadcastFrames} rather than by Spring's general STOMP encoding. Over plain
 * WebSocket it goes as a binary WebSocket message holding the UTF-8 frames, which spares
 * turning every copy into a string and back (STOMP clients such as stomp.js and Spring's
 * read both kinds); SockJS carries text only, so it gets text.
 * </ul>
 */
class ChatWebSocketHandler extends SubProtocolWebSocketHandler {

	private static final Log logger = LogFactory.getLog(ChatWebSocketHandler.class);

	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final int frameLimit;

	private final int textBufferChars;

	private final Outboxes outboxes;

	private final OutboundBacklog backlog;

	private final InboundWait inboundWait;

	private final Outbox.Connection connection = new OutboxConnection();

	private volatile @Nullable CloseStatus goingAway;

	ChatWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel,
			Outboxes outboxes, OutboundBacklog backlog, InboundWait inboundWait, int frameLimit, int textBufferChars) {
		super(clientInboundChannel, clientOutboundChannel);
		this.outboxes = outboxes;
		this.backlog = backlog;
		this.inboundWait = inboundWait;
		this.frameLimit = frameLimit;
		this.textBufferChars = textBufferChars;
	}

	/** Every frame the STOMP handler decodes is stamped with the time it arrived. */
	@Override
	public void addProtocolHandler(SubProtocolHandler handler) {
		if (handler instanceof StompSubProtocolHandler stomp) {
			stomp.setHeaderInitializer(this.inboundWait);
		}
		super.addProtocolHandler(handler);
	}

	@Override
	protected WebSocketSession decorateSession(WebSocketSession session) {
		limitBlockingWrites(session, getSendTimeLimit());
		WebSocketSession decorated = new FlushBeforeCloseSessionDecorator(session, getSendTimeLimit(),
				getSendBufferSizeLimit());
		this.outboxes.add(session.getId(), new Outbox(decorated, session instanceof SockJsSession, this.connection,
				this.backlog, TimeUnit.MILLISECONDS.toNanos(getSendTimeLimit()), getSendBufferSizeLimit()));
		return decorated;
	}

	/**
	 * Spring checks the send-time limit when it next sends to a session, from another
	 * thread; a thread blocked writing to a client that stopped reading stays blocked
	 * until Tomcat's own blocking-write timeout, 20 s by default. Enough such clients
	 * would hold every outbound thread, and nobody would receive anything meanwhile, so
	 * Tomcat's timeout is set to the send-time limit as well.
	 */
	private static void limitBlockingWrites(WebSocketSession session, int sendTimeLimit) {
		Session webSocket = (session instanceof NativeWebSocketSession nativeSession)
				? nativeSession.getNativeSession(Session.class) : null;
		if (webSocket != null) {
			webSocket.getUserProperties().put(BLOCKING_SEND_TIMEOUT, (long) sendTimeLimit);
		}
	}

	/**
	 * Pieces of a long text message are decoded like the parts of a frame that arrive in
	 * several messages: the STOMP decoder buffers them and enforces the frame limit, so a
	 * frame above it gets an ERROR frame.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	/**
	 * Spring's STOMP handler raises the container's text buffer to a whole frame (16 KiB
	 * and a little) when the session starts, which Tomcat then reserves until the
	 * connection ends. A plain WebSocket session takes text in pieces, so it goes back to
	 * the small buffer before its first message is read. SockJS hands over whole messages
	 * only, so a SockJS session over WebSocket needs a buffer that takes a whole frame,
	 * however large the frame limit is.
	 */
	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		super.afterConnectionEstablished(session);
		if (!session.isOpen()) {
			return;
		}
		CloseStatus goingAway = this.goingAway;
		Outbox outbox = this.outboxes.get(session.getId());
		if (goingAway != null && outbox != null) {
			// came in after closeAll: it goes the same way
			outbox.session().close(goingAway);
			return;
		}
		if (session instanceof SockJsSession) {
			if (session.getTextMessageSizeLimit() < this.frameLimit) {
				session.setTextMessageSizeLimit(this.frameLimit);
			}
		}
		else {
			session.setTextMessageSizeLimit(this.textBufferChars);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		Outbox outbox = this.outboxes.remove(session.getId());
		try {
			super.afterConnectionClosed(session, closeStatus);
		}
		finally {
			if (outbox != null) {
				outbox.end();
			}
		}
	}

	/**
	 * Closes every open session with this status, each once the frames already queued for
	 * it are written, and every session that opens from now on as soon as it is
	 * established. Each goes through {@link #afterConnectionClosed}, so Spring ends its
	 * STOMP session as for any closed socket: a {@code SessionDisconnectEvent} and a
	 * DISCONNECT on the inbound channel.
	 * @return completes once every session that was open has gone through
	 * {@link #afterConnectionClosed}
	 */
	CompletableFuture<Void> closeAll(CloseStatus status) {
		this.goingAway = status;
		return closeOpen(status);
	}

	/**
	 * Closes every session open now with this status, each once the frames already queued
	 * for it are written; sessions that open later stay open.
	 * @return completes once each has gone through {@link #afterConnectionClosed}
	 */
	CompletableFuture<Void> closeOpen(CloseStatus status) {
		CompletableFuture<?>[] closed = this.outboxes.all().stream().map((outbox) -> {
			outbox.offerClose(status);
			return outbox.closed();
		}).toArray(CompletableFuture[]::new);
		return CompletableFuture.allOf(closed);
	}

	/** How many sessions are open. */
	int openSessions() {
		return this.outboxes.size();
	}

	private static void closeQuietly(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Failure while closing session " + session.getId(), ex);
		}
	}

	/**
	 * Queues the message in its session's outbox, on the sending thread: the outbound
	 * channel has no executor of its own.
	 */
	@Override
	public void handleMessage(Message<?> message) throws MessagingException {
		String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
		Outbox outbox = (sessionId != null) ? this.outboxes.get(sessionId) : null;
		if (outbox == null) {
			// the session is gone already: Spring's handler says so
			super.handleMessage(message);
			return;
		}
		outbox.offerMessage(message);
	}

	/** Writes a message that is not a broadcast, in its turn, on a writer's thread. */
	private void write(Outbox outbox, Message<?> message) {
		// The broker's answer to a client's DISCONNECT names that DISCONNECT. The one it
		// sends when it gives up on a client that missed its heart-beats names none and
		// goes to Spring's handler: an ERROR frame, then a close with 1002.
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.DISCONNECT_ACK
				&& message.getHeaders().get(SimpMessageHeaderAccessor.DISCONNECT_MESSAGE_HEADER) != null) {
			disconnected(outbox, message);
			return;
		}
		super.handleMessage(message);
	}

	/**
	 * Ends a connection that sent DISCONNECT, once its RECEIPT (if it asked for one) is
	 * written. Spring would leave the socket open after the RECEIPT, still taking frames
	 * and counted as a connection, and would answer a DISCONNECT without receipt with an
	 * ERROR frame and a close for a protocol error; a client that says goodbye gets a
	 * normal close.
	 */
	private void disconnected(Outbox outbox, Message<?> message) {
		if (receiptOf(message) != null) {
			super.handleMessage(message);
		}
		closeQuietly(outbox.session(), CloseStatus.NORMAL);
	}

	private static @Nullable String receiptOf(Message<?> disconnectAck) {
		Message<?> disconnect = (Message<?>) disconnectAck.getHeaders()
			.get(SimpMessageHeaderAccessor.DISCONNECT_MESSAGE_HEADER);
		StompHeaderAccessor accessor = (disconnect != null)
				? MessageHeaderAccessor.getAccessor(disconnect, StompHeaderAccessor.class) : null;
		return (accessor != null) ? accessor.getReceipt() : null;
	}

	private void close(WebSocketSession session, CloseStatus status) {
		try {
			// cleared first: the session may not answer
			afterConnectionClosed(session, status);
			session.close(status);
		}
		catch (Exception ex) {
			logger.debug("Failure while closing session " + session.getId(), ex);
		}
	}

	/** What the outboxes ask of this handler. */
	private final class OutboxConnection implements Outbox.Connection {

		@Override
		public void handle(Outbox outbox, Message<?> message) {
			write(outbox, message);
		}

		@Override
		public void close(Outbox outbox, CloseStatus status) {
			closeQuietly(outbox.session(), status);
		}

		/** Gives up on the session as Spring's handler does when a write fails. */
		@Override
		public void sendFailed(Outbox outbox, Exception ex) {
			WebSocketSession session = outbox.session();
			if (ex instanceof SessionLimitExceededException limit) {
				logger.warn("Terminating '" + session + "': " + limit.getMessage());
				ChatWebSocketHandler.this.close(session, limit.getStatus());
				return;
			}
			// Could be part of normal workflow (for example, a browser tab closed)
			logger.debug("Failed to send a frame to session " + session.getId(), ex);
			ChatWebSocketHandler.this.close(session, CloseStatus.PROTOCOL_ERROR);
		}

		/**
		 * Cuts the session off as Spring's session decorator does, with 1011, on a
		 * writer's thread: closing may wait for the write in progress.
		 */
		@Override
		public void limitExceeded(Outbox outbox) {
			WebSocketSession session = outbox.session();
			logger.warn("Terminating '" + session
					+ "': the client has not taken its frames within the send-time limit (" + getSendTimeLimit()
					+ " ms) or the send-buffer limit (" + getSendBufferSizeLimit() + " bytes)");
			ChatWebSocketHandler.this.backlog
				.execute(() -> ChatWebSocketHandler.this.close(session, CloseStatus.SESSION_NOT_RELIABLE));
		}

	}

}
