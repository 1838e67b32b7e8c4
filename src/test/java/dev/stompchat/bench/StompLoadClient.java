package dev.stompchat.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One STOMP 1.2 connection for load, at the end of a Netty WebSocket pipeline. Frames are
 * written and split by hand; a MESSAGE is read where it lies, only for the marker of a
 * delivery or the code and step of an error, and a RECEIPT only for its step, so that one
 * event loop carries thousands of connections.
 */
final class StompLoadClient extends SimpleChannelInboundHandler<WebSocketFrame> {

	static final String ROOM_SUBSCRIPTION = "room";

	static final String ERROR_SUBSCRIPTION = "errors";

	private static final byte[] MESSAGE = StompFrames.bytes("MESSAGE\n");

	private static final byte[] RECEIPT = StompFrames.bytes("RECEIPT\n");

	private static final byte[] CONNECTED = StompFrames.bytes("CONNECTED\n");

	private static final byte[] ERROR = StompFrames.bytes("ERROR\n");

	private static final byte[] FROM_ERROR_SUBSCRIPTION = StompFrames.bytes("subscription:" + ERROR_SUBSCRIPTION);

	private static final byte[] HEART_BEAT = StompFrames.bytes("\nheart-beat:");

	private final int index;

	private final String room;

	private final String connectFrame;

	private final long heartbeatMillis;

	private final ClientCounters counters;

	private final DeliveryListener deliveries;

	private final CompletableFuture<StompLoadClient> connected = new CompletableFuture<>();

	private final CountsByStep published = new CountsByStep();

	private final CountsByStep refused = new CountsByStep();

	private final CountsByStep received = new CountsByStep();

	private volatile Channel channel;

	private volatile boolean closing;

	private volatile boolean closed;

	/** Read and written on the event loop only. */
	private ByteBuf partial;

	private ScheduledFuture<?> heartbeats;

	/**
	 * Create a connection, not yet opened.
	 * @param index the connection's number within its scenario
	 * @param room the room it belongs to, or {@code null}
	 * @param connect what its CONNECT frame says
	 * @param counters where it counts receipts and refusals
	 * @param deliveries told of each benchmark message it receives
	 */
	StompLoadClient(int index, String room, ConnectHeaders connect, ClientCounters counters,
			DeliveryListener deliveries) {
		this.index = index;
		this.room = room;
		this.connectFrame = connect.frame();
		this.heartbeatMillis = connect.heartbeatMillis();
		this.counters = counters;
		this.deliveries = (step, sentNanos, receivedNanos) -> {
			this.received.increment(step);
			deliveries.delivered(step, sentNanos, receivedNanos);
		};
	}

	int index() {
		return this.index;
	}

	String room() {
		return this.room;
	}

	/**
	 * Completes when CONNECTED arrives, or fails when the connection could not be made.
	 */
	CompletableFuture<StompLoadClient> connected() {
		return this.connected;
	}

	void subscribe(String id, String destination) {
		write("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\0");
	}

	/**
	 * Send a message, if the connection is still open.
	 * @param step the benchmark step the message belongs to
	 * @param receipt the {@code receipt} header, made by
	 * {@link StompFrames#receiptId(int, long)}, or {@code null} for none
	 * @return whether the frame was written
	 */
	boolean send(int step, String destination, String contentType, String body, String receipt) {
		String receiptHeader = (receipt != null) ? "receipt:" + receipt + "\n" : "";
		if (!write("SEND\ndestination:" + destination + "\ncontent-type:" + contentType + "\n" + receiptHeader + "\n"
				+ body + "\0")) {
			return false;
		}
		this.published.increment(step);
		return true;
	}

	/** SEND frames of the given step written so far. */
	long published(int step) {
		return this.published.get(step);
	}

	/**
	 * Errors so far that say a SEND of this connection was refused, counted in the step
	 * of the refused message or, when the error names none, in the step being counted
	 * when it arrived (see {@link ClientCounters}).
	 */
	long refused(int step) {
		return this.refused.get(step);
	}

	/** Benchmark messages of the given step this connection received so far. */
	long received(int step) {
		return this.received.get(step);
	}

	/** Whether the connection ended without this side closing it. */
	boolean isCutOff() {
		return this.closed && !this.closing;
	}

	boolean isOpen() {
		return !this.closed;
	}

	/** DISCONNECT, then a WebSocket close; completes when the socket is closed. */
	ChannelFuture close() {
		this.closing = true;
		Channel socket = this.channel;
		if (socket == null) {
			return null;
		}
		if (socket.isActive()) {
			socket.write(new TextWebSocketFrame("DISCONNECT\n\n\0"));
			socket.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
		}
		return socket.closeFuture();
	}

	private boolean write(String frame) {
		Channel socket = this.channel;
		if (socket == null || !socket.isActive()) {
			return false;
		}
		socket.writeAndFlush(new TextWebSocketFrame(frame), socket.voidPromise());
		return true;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext context) {
		this.channel = context.channel();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
			context.writeAndFlush(new TextWebSocketFrame(this.connectFrame));
		}
		else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
			fail(new IllegalStateException("WebSocket handshake timed out"));
			context.close();
		}
		context.fireUserEventTriggered(event);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext context, WebSocketFrame message) {
		if (!(message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame)) {
			return;
		}
		// STOMP frames come as text or as binary messages holding the same UTF-8 bytes
		long receivedNanos = System.nanoTime();
		ByteBuf content = message.content();
		if (this.partial != null) {
			// the rest of a STOMP frame that was split over WebSocket messages
			this.partial.writeBytes(content);
			content = this.partial;
		}
		readFrames(context, content, receivedNanos);
		if (content.isReadable()) {
			if (this.partial == null) {
				this.partial = context.alloc().buffer(content.readableBytes() * 2);
				this.partial.writeBytes(content);
			}
			else {
				this.partial.discardReadBytes();
			}
		}
		else if (this.partial != null) {
			this.partial.release();
			this.partial = null;
		}
	}

	private void readFrames(ChannelHandlerContext context, ByteBuf content, long receivedNanos) {
		while (content.isReadable()) {
			int start = content.readerIndex();
			byte first = content.getByte(start);
			if (first == '\n' || first == '\r') {
				// a heart-beat from the server, or the EOL after a frame
				content.skipBytes(1);
				continue;
			}
			int end = content.indexOf(start, content.writerIndex(), (byte) 0);
			if (end < 0) {
				return;
			}
			readFrame(context, content, start, end, receivedNanos);
			content.readerIndex(end + 1);
		}
	}

	private void readFrame(ChannelHandlerContext context, ByteBuf frame, int from, int to, long receivedNanos) {
		if (StompFrames.startsWith(frame, from, to, MESSAGE)) {
			int body = StompFrames.bodyStart(frame, from, to);
			if (StompFrames.hasHeaderLine(frame, from, body, FROM_ERROR_SUBSCRIPTION)) {
				String code = StompFrames.errorCode(frame, body, to);
				refused(StompFrames.errorStep(frame, body, to), (code != null) ? code : "unknown");
			}
			else {
				StompFrames.readMarker(frame, body, to, receivedNanos, this.deliveries);
			}
		}
		else if (StompFrames.startsWith(frame, from, to, RECEIPT)) {
			this.counters.receipt(stepOrCurrent(StompFrames.receiptStep(frame, from, to)));
		}
		else if (StompFrames.startsWith(frame, from, to, CONNECTED)) {
			startHeartbeats(context, frame, from, to);
			this.connected.complete(this);
		}
		else if (StompFrames.startsWith(frame, from, to, ERROR)) {
			if (this.connected.isDone()) {
				refused(StompFrames.receiptStep(frame, from, to), ClientCounters.ERROR_FRAME);
			}
			else {
				this.counters.refused(this.counters.current(), ClientCounters.ERROR_FRAME);
				fail(new IllegalStateException(
						"STOMP ERROR: " + frame.toString(from, to - from, StandardCharsets.UTF_8).trim()));
			}
		}
	}

	private void refused(int step, String code) {
		int counted = stepOrCurrent(step);
		this.counters.refused(counted, code);
		this.refused.increment(counted);
	}

	private int stepOrCurrent(int step) {
		return (step != StompFrames.NO_STEP) ? step : this.counters.current();
	}

	/**
	 * Sends an EOL at the negotiated interval: the larger of ours and what the server
	 * wants.
	 */
	private void startHeartbeats(ChannelHandlerContext context, ByteBuf frame, int from, int to) {
		int header = StompFrames.indexOf(frame, from, StompFrames.bodyStart(frame, from, to), HEART_BEAT);
		if (this.heartbeatMillis <= 0 || header < 0) {
			return;
		}
		int serverSends = header + HEART_BEAT.length;
		int serverWants = frame.indexOf(serverSends, to, (byte) ',') + 1;
		long wanted = (serverWants > 0) ? StompFrames.number(frame, serverWants, to) : 0;
		if (wanted > 0) {
			long interval = Math.max(this.heartbeatMillis, wanted);
			this.heartbeats = context.executor()
				.scheduleAtFixedRate(() -> context.writeAndFlush(new TextWebSocketFrame("\n"), context.voidPromise()),
						interval, interval, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		this.closed = true;
		if (this.heartbeats != null) {
			this.heartbeats.cancel(false);
		}
		if (this.partial != null) {
			this.partial.release();
			this.partial = null;
		}
		fail(new IllegalStateException("connection closed"));
		context.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable failure) {
		fail(failure);
		context.close();
	}

	private void fail(Throwable failure) {
		this.connected.completeExceptionally(failure);
	}

	/**
	 * What a connection's CONNECT frame says.
	 *
	 * @param host the {@code host} header
	 * @param login the {@code login} header
	 * @param passcode the {@code passcode} header
	 * @param nickname stomp-chat's {@code nickname} header, distinct per connection
	 * @param heartbeatMillis the heart-beat interval asked for in both directions, or 0
	 */
	record ConnectHeaders(String host, String login, String passcode, String nickname, long heartbeatMillis) {

		String frame() {
			return "CONNECT\naccept-version:1.2\nhost:" + this.host + "\nlogin:" + this.login + "\npasscode:"
					+ this.passcode + "\nnickname:" + this.nickname + "\nheart-beat:" + this.heartbeatMillis + ","
					+ this.heartbeatMillis + "\n\n\0";
		}

	}

}
