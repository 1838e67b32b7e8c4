package dev.stompchat.admission;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.stompchat.core.ChatProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Caps connections in all ({@code chat.max-connections}, refused with 503) and per client
 * address ({@code chat.max-connections-per-address}, refused with 429), SockJS sessions
 * included, and how often one address may open a new one
 * ({@code chat.connection-rate-limit.*}, refused with 429): reconnecting in a loop would
 * otherwise churn the server and, with every round, the presence of a room.
 * <p>
 * Spring reports a connection only after the handshake's response has gone out, so a
 * burst of handshakes from one address would all pass a limit counted then. The slot is
 * therefore reserved while the handshake is checked, and released when the handshake
 * fails or, through the handler decorator, when the connection closes.
 */
@Component
public class ConnectionLimiter implements HandshakeInterceptor, WebSocketHandlerDecoratorFactory, MeterBinder {

	private static final String SLOT_ATTRIBUTE = ConnectionLimiter.class.getName() + ".slot";

	private final int maxConnections;

	private final int maxConnectionsPerAddress;

	private final AtomicInteger connections = new AtomicInteger();

	private final Map<String, AtomicInteger> connectionsByAddress = new ConcurrentHashMap<>();

	private final ChatProperties.ConnectionRateLimit rateLimit;

	// an address that has been quiet for a while has a full bucket again: no need to keep
	// it
	private final Cache<String, Bucket> newConnectionsByAddress;

	ConnectionLimiter(ChatProperties properties) {
		this.maxConnections = properties.maxConnections();
		this.maxConnectionsPerAddress = properties.maxConnectionsPerAddress();
		this.rateLimit = properties.connectionRateLimit();
		Duration refilled = Duration.ofMillis(1000L * this.rateLimit.burst() / this.rateLimit.perSecond() + 1000);
		this.newConnectionsByAddress = Caffeine.newBuilder().expireAfterAccess(refilled).build();
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws IOException {
		String address = addressOf(request);
		if (!this.newConnectionsByAddress.get(address, (key) -> newBucket()).tryConsume(1)) {
			return refuse(response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many new connections from your address: at most " + this.rateLimit.perSecond()
							+ " a second (bursts of " + this.rateLimit.burst() + "). Try again in a moment.");
		}
		if (this.connections.incrementAndGet() > this.maxConnections) {
			this.connections.decrementAndGet();
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE,
					"The server holds its maximum of " + this.maxConnections + " connections: try again later.");
		}
		AtomicInteger fromAddress = this.connectionsByAddress.computeIfAbsent(address, (key) -> new AtomicInteger());
		if (fromAddress.incrementAndGet() > this.maxConnectionsPerAddress) {
			release(address);
			return refuse(response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many connections from your address: at most " + this.maxConnectionsPerAddress + ".");
		}
		attributes.put(SLOT_ATTRIBUTE, new Slot(address));
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
		if (exception != null || failed(response)) {
			// the attributes are not reachable here; the next handshake's attributes are
			// new
			release(addressOf(request));
		}
	}

	@Override
	public WebSocketHandler decorate(WebSocketHandler handler) {
		return new WebSocketHandlerDecorator(handler) {

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				try {
					super.afterConnectionClosed(session, closeStatus);
				}
				finally {
					if (session.getAttributes().get(SLOT_ATTRIBUTE) instanceof Slot slot && slot.free()) {
						release(slot.address());
					}
				}
			}

		};
	}

	/** Connections now held, or being handshaken, in all. */
	public int connections() {
		return this.connections.get();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.connections", this, ConnectionLimiter::connections)
			.description("WebSocket and SockJS connections held, or being handshaken")
			.register(registry);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.rateLimit.burst())
				.refillGreedy(this.rateLimit.perSecond(), Duration.ofSeconds(1))
				.build())
			.build();
	}

	private void release(String address) {
		this.connections.decrementAndGet();
		this.connectionsByAddress.computeIfPresent(address,
				(key, count) -> (count.decrementAndGet() > 0) ? count : null);
	}

	private static boolean failed(ServerHttpResponse response) {
		return response instanceof ServletServerHttpResponse servlet && servlet.getServletResponse().getStatus() >= 400;
	}

	private static boolean refuse(ServerHttpResponse response, HttpStatus status, String reason) throws IOException {
		response.setStatusCode(status);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		response.getBody().write(reason.getBytes(StandardCharsets.UTF_8));
		return false;
	}

	private static String addressOf(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

	/** A reserved connection, released once. */
	private record Slot(String address, AtomicBoolean released) {

		Slot(String address) {
			this(address, new AtomicBoolean());
		}

		boolean free() {
			return this.released.compareAndSet(false, true);
		}

	}

}
