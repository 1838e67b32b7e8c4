package dev.stompchat.core;

import java.time.Duration;
import java.util.List;

import dev.stompchat.chat.Overload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of stomp-chat, bound from {@code chat.*} and checked at startup.
 *
 * @param maxTextLength most characters a chat message's text may have after trimming
 * @param maxFrameBytes largest STOMP frame a client may send; a frame is buffered while
 * it arrives, and a SockJS connection over WebSocket keeps a buffer of this size
 * @param heartbeat interval of the STOMP heart-beats the server sends and expects
 * @param sendTimeLimit how long a send to one slow client may take before it is cut off
 * @param sendBufferSizeLimit how much output may queue up for one slow client before it
 * is cut off
 * @param maxHeaders most headers one STOMP frame may carry
 * @param incompleteFrameTimeout how long a frame that arrived only in part (its
 * content-length or NUL terminator still missing) may wait for the rest
 * @param connectTimeout how long a new connection may take to send its CONNECT (or STOMP)
 * frame before it is closed
 * @param maxRooms most rooms whose history is kept in memory
 * @param history how much of each room's past is kept
 * @param rateLimit how fast one connection may send
 * @param presence how presence changes are announced
 * @param overload when the server refuses messages because it cannot deliver more
 * @param allowedOrigins origins, besides the page's own, whose pages may connect
 * @param maxConnections most connections the server holds at once
 * @param maxConnectionsPerAddress most connections one client address may hold at once
 * @param maxSubscriptionsPerConnection most subscriptions (room topics and the error
 * queue) one connection may hold at once
 * @param connectionRateLimit how often one client address may open connections
 * @param broker where rooms' messages go between instances: {@code simple}, the embedded
 * broker of one instance, or {@code rabbitmq}, RabbitMQ streams shared by several
 * instances
 * @param rabbitmq the streams of the {@code rabbitmq} broker
 * @param shutdown how an instance that is told to stop lets its clients go
 * @param coalescing when a busy server holds a connection's frames back briefly, to write
 * several at a time
 */
@ConfigurationProperties("chat")
@Validated
public record ChatProperties(@DefaultValue("1000") @Min(1) @Max(100_000) int maxTextLength,
		@DefaultValue("16KB") DataSize maxFrameBytes, @DefaultValue("10s") Duration heartbeat,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("512KB") DataSize sendBufferSizeLimit,
		@DefaultValue("64") @Min(1) @Max(1000) int maxHeaders, @DefaultValue("10s") Duration incompleteFrameTimeout,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("1000") @Min(1) @Max(1_000_000) int maxRooms,
		@DefaultValue @Valid History history, @DefaultValue @Valid RateLimit rateLimit,
		@DefaultValue @Valid Presence presence, @DefaultValue @Valid Overload overload,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("20000") @Min(1) int maxConnections,
		@DefaultValue("100") @Min(1) int maxConnectionsPerAddress,
		@DefaultValue("10") @Min(1) @Max(10_000) int maxSubscriptionsPerConnection,
		@DefaultValue @Valid ConnectionRateLimit connectionRateLimit, @DefaultValue("simple") Broker broker,
		@DefaultValue @Valid Rabbitmq rabbitmq, @DefaultValue @Valid Shutdown shutdown,
		@DefaultValue @Valid Coalescing coalescing) {

	public ChatProperties {
		check(maxFrameBytes.toBytes() >= 1024 && maxFrameBytes.toBytes() <= 1024 * 1024, "max-frame-bytes",
				"must be between 1KB and 1MB", maxFrameBytes);
		check(heartbeat.isZero() || heartbeat.compareTo(Duration.ofSeconds(1)) >= 0, "heartbeat",
				"must be 0 (off) or at least 1s", heartbeat);
		check(sendTimeLimit.compareTo(Duration.ofMillis(100)) >= 0, "send-time-limit", "must be at least 100ms",
				sendTimeLimit);
		check(sendBufferSizeLimit.compareTo(maxFrameBytes) >= 0, "send-buffer-size-limit",
				"must be at least chat.max-frame-bytes (" + maxFrameBytes + ")", sendBufferSizeLimit);
		check(incompleteFrameTimeout.compareTo(Duration.ofMillis(100)) >= 0, "incomplete-frame-timeout",
				"must be at least 100ms", incompleteFrameTimeout);
		check(connectTimeout.compareTo(Duration.ofMillis(100)) >= 0, "connect-timeout", "must be at least 100ms",
				connectTimeout);
	}

	private static void check(boolean valid, String property, String rule, Object value) {
		if (!valid) {
			throw new IllegalArgumentException("chat." + property + " " + rule + ", but is " + value);
		}
	}

	/**
	 * How much of each room's past is kept.
	 *
	 * @param size how many of a room's last chat messages are kept
	 * @param idleTimeout how long a room without members and messages keeps its history
	 * @param maxAnswerBytes most bytes one history answer may take: a short request must
	 * not draw an answer of hundreds of KB; the newest messages that fit are answered
	 */
	public record History(@DefaultValue("100") @Min(1) @Max(10_000) int size, @DefaultValue("1h") Duration idleTimeout,
			@DefaultValue("64KB") DataSize maxAnswerBytes) {

		public History {
			check(maxAnswerBytes.toBytes() >= 1024 && maxAnswerBytes.toBytes() <= 16 * 1024 * 1024,
					"history.max-answer-bytes", "must be between 1KB and 16MB", maxAnswerBytes);
		}

	}

	/**
	 * How fast one connection may send: a token bucket, and a limit on how often it may
	 * be refused before it is cut off.
	 *
	 * @param messagesPerSecond sustained SEND frames per second
	 * @param burst SEND frames a connection may send at once after a quiet spell
	 * @param maxRejections refused SEND frames after which the connection is closed, when
	 * they come within {@code rejectionWindow}
	 * @param rejectionWindow the window of {@code maxRejections}
	 * @param subscriptionsPerSecond sustained SUBSCRIBE frames per second, application
	 * destinations (history, members, rooms) included
	 * @param subscriptionBurst SUBSCRIBE frames a connection may send at once after a
	 * quiet spell
	 */
	public record RateLimit(@DefaultValue("10") @Min(1) int messagesPerSecond, @DefaultValue("20") @Min(1) int burst,
			@DefaultValue("100") @Min(1) int maxRejections, @DefaultValue("10s") Duration rejectionWindow,
			@DefaultValue("2") @Min(1) int subscriptionsPerSecond, @DefaultValue("20") @Min(1) int subscriptionBurst) {

	}

	/**
	 * How often one client address may open connections (WebSocket handshakes and new
	 * SockJS sessions), so that reconnecting in a loop cannot churn the server.
	 *
	 * @param perSecond sustained new connections per second
	 * @param burst new connections at once after a quiet spell
	 */
	public record ConnectionRateLimit(@DefaultValue("10") @Min(1) int perSecond,
			@DefaultValue("50") @Min(1) int burst) {

	}

	/**
	 * How presence changes are announced: one by one in small rooms, gathered in large
	 * ones so that a crowd arriving at once costs one message per window, not one per
	 * arrival.
	 *
	 * @param coalesceAbove rooms with more members than this announce JOIN and LEAVE
	 * together, as PRESENCE messages
	 * @param window how long joins and leaves are gathered before they are announced
	 * @param leaveGrace how long a nickname's departure waits before it is announced; one
	 * that comes back within it (a reload, a reconnect) is announced neither as leaving
	 * nor as joining again
	 */
	public record Presence(@DefaultValue("50") @Min(0) int coalesceAbove, @DefaultValue("500ms") Duration window,
			@DefaultValue("2s") Duration leaveGrace) {

		public Presence {
			check(!leaveGrace.isNegative() && leaveGrace.compareTo(MAX_LEAVE_GRACE) <= 0, "presence.leave-grace",
					"must be between 0 and " + MAX_LEAVE_GRACE.toSeconds() + "s", leaveGrace);
		}

	}

	/**
	 * At most this long, so that a real departure is still announced within a few
	 * seconds.
	 */
	static final Duration MAX_LEAVE_GRACE = Duration.ofSeconds(3);

	/**
	 * When the server refuses chat messages because it cannot deliver more: past its
	 * capacity, a message it accepted would otherwise wait in ever longer queues, and
	 * every message would arrive late.
	 *
	 * @param maxWait how long frames made for connections may wait for a writer before a
	 * chat message is refused with {@code OVERLOADED} (the bound is on the oldest waiting
	 * frame), and how long a chat message may wait between arriving and being handled
	 * before it is. A time means the same for a room of 10 and one of 10,000, where a
	 * count of frames would not; 250 ms is longer than a young-generation pause of the
	 * collector, yet short enough that an accepted message still arrives well within a
	 * second.
	 */
	public record Overload(@DefaultValue("250ms") Duration maxWait) {

		public Overload {
			check(maxWait.compareTo(Duration.ofMillis(10)) >= 0 && maxWait.compareTo(Duration.ofMinutes(1)) <= 0,
					"overload.max-wait", "must be between 10ms and 1m", maxWait);
		}

	}

	/**
	 * When a busy server holds a connection's next frame back for a moment, so that the
	 * frames that follow it go out in the same write: most of a delivery's cost is the
	 * write, whatever it holds.
	 *
	 * @param window how long a frame may be held back; only a frame that comes less than
	 * this after the connection's previous one is, so a connection that receives less
	 * often never waits
	 * @param above deliveries per second, across all connections, below which no frame is
	 * held back at all; 0 holds back whenever a connection's frames come faster than the
	 * window
	 */
	public record Coalescing(@DefaultValue("30ms") Duration window, @DefaultValue("30000") @Min(0) int above) {

		public Coalescing {
			check(!window.isNegative() && window.compareTo(Duration.ofSeconds(5)) <= 0, "coalescing.window",
					"must be between 0 and 5s", window);
		}

	}

	/** Where rooms' messages go between instances. */
	public enum Broker {

		/**
		 * Spring's simple broker in this instance's memory: one instance, nothing to
		 * install.
		 */
		SIMPLE,

		/**
		 * RabbitMQ streams between several instances, each fanning out to its own
		 * clients.
		 */
		RABBITMQ

	}

	/**
	 * The RabbitMQ streams that carry rooms' messages between instances. The connection
	 * itself is Spring Boot's: {@code spring.rabbitmq.*} and
	 * {@code spring.rabbitmq.stream.*}.
	 *
	 * @param streamPrefix the start of every stream's name: rooms go to
	 * {@code <prefix>.rooms.0} to {@code <prefix>.rooms.<partitions - 1>}, nickname
	 * claims and instances' heart-beats to {@code <prefix>.control}
	 * @param partitions how many streams rooms are hashed onto; each room's order is its
	 * stream's. Changing it moves rooms to other streams, where their history is not
	 * @param retention how much of the streams the broker keeps, and so how far back
	 * history reaches after every instance restarted
	 */
	public record Rabbitmq(@DefaultValue("stomp-chat") String streamPrefix,
			@DefaultValue("16") @Min(1) @Max(1024) int partitions, @DefaultValue @Valid Retention retention) {

	}

	/**
	 * How much of each stream the broker keeps: whatever is older than {@code maxAge} or
	 * beyond {@code maxBytes} goes, a segment at a time. An instance that starts reads
	 * its streams from the oldest message kept, so these also bound how long a start
	 * takes.
	 *
	 * @param maxAge how long messages are kept
	 * @param maxBytes most bytes each stream keeps
	 * @param segmentBytes size of the files a stream is kept in; retention removes whole
	 * files, so a stream holds up to one segment more than {@code maxBytes}
	 */
	public record Retention(@DefaultValue("7d") Duration maxAge, @DefaultValue("64MB") DataSize maxBytes,
			@DefaultValue("8MB") DataSize segmentBytes) {

		public Retention {
			check(segmentBytes.compareTo(maxBytes) <= 0, "rabbitmq.retention.segment-bytes",
					"must be at most chat.rabbitmq.retention.max-bytes (" + maxBytes + ")", segmentBytes);
			check(maxAge.toSeconds() >= 1, "rabbitmq.retention.max-age", "must be at least 1s", maxAge);
		}

	}

	/**
	 * How an instance told to stop (SIGTERM) lets its clients go.
	 *
	 * @param drain how long readiness says OUT_OF_SERVICE before connections are closed,
	 * so that a load balancer stops sending new ones here first
	 */
	public record Shutdown(@DefaultValue("2s") Duration drain) {

		public Shutdown {
			check(!drain.isNegative() && drain.compareTo(Duration.ofMinutes(1)) <= 0, "shutdown.drain",
					"must be between 0 and 1m", drain);
		}

	}

	/**
	 * {@link #maxFrameBytes} as an int, the type Spring's and the container's limits
	 * take.
	 */
	public int frameLimit() {
		return (int) this.maxFrameBytes.toBytes();
	}

}
