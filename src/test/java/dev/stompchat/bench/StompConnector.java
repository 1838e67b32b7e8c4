package dev.stompchat.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Opens STOMP connections on one event-loop group, a bounded number of handshakes at a
 * time, and counts how many were attempted, established and failed.
 */
final class StompConnector implements AutoCloseable {

	private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

	private static final int TIMEOUT_MILLIS = 10_000;

	private final URI url;

	private final EventLoopGroup group;

	private final Bootstrap bootstrap;

	private final Semaphore handshakes;

	private final int handshakesInFlight;

	private final AtomicInteger attempted = new AtomicInteger();

	private final AtomicInteger established = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	StompConnector(BenchmarkOptions options) {
		for (URI url : options.urls()) {
			if (!"ws".equals(url.getScheme())) {
				throw new IllegalArgumentException("Only ws:// URLs are supported, not " + url);
			}
		}
		this.url = options.url();
		this.group = new MultiThreadIoEventLoopGroup(options.clientThreads(), NioIoHandler.newFactory());
		this.bootstrap = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_MILLIS);
		this.handshakesInFlight = options.handshakesInFlight();
		this.handshakes = new Semaphore(this.handshakesInFlight);
	}

	/**
	 * Open connections and wait until each one is connected or has failed.
	 * @param count how many
	 * @param clients creates the connection of each index
	 * @param onConnected what to do with each connection once CONNECTED (subscribe, say)
	 * @return the connections established, in the order of their index
	 */
	List<StompLoadClient> open(int count, IntFunction<StompLoadClient> clients, Consumer<StompLoadClient> onConnected)
			throws InterruptedException {
		return open(count, (i) -> this.url, clients, onConnected);
	}

	/**
	 * Open connections, each to the endpoint given for its index, and wait until each one
	 * is connected or has failed.
	 * @param count how many
	 * @param urls the endpoint of each index
	 * @param clients creates the connection of each index
	 * @param onConnected what to do with each connection once CONNECTED (subscribe, say)
	 * @return the connections established, in the order of their index
	 */
	List<StompLoadClient> open(int count, IntFunction<URI> urls, IntFunction<StompLoadClient> clients,
			Consumer<StompLoadClient> onConnected) throws InterruptedException {
		List<StompLoadClient> opened = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			this.handshakes.acquire();
			StompLoadClient client = clients.apply(i);
			this.attempted.incrementAndGet();
			connect(urls.apply(i), client).connected()
				.orTimeout(3 * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
				.whenComplete((connected, failure) -> {
					if (failure == null) {
						onConnected.accept(client);
						synchronized (opened) {
							opened.add(client);
						}
						this.established.incrementAndGet();
					}
					else {
						client.close();
						this.failed.incrementAndGet();
					}
					this.handshakes.release();
				});
		}
		// every handshake has ended once all permits are back
		this.handshakes.acquire(this.handshakesInFlight);
		this.handshakes.release(this.handshakesInFlight);
		synchronized (opened) {
			opened.sort(Comparator.comparingInt(StompLoadClient::index));
			return opened;
		}
	}

	ConnectionCounts counts() {
		return new ConnectionCounts(this.attempted.get(), this.established.get(), this.failed.get());
	}

	private StompLoadClient connect(URI url, StompLoadClient client) {
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(url)
			.subprotocol("v12.stomp")
			.maxFramePayloadLength(MAX_MESSAGE_BYTES)
			.handshakeTimeoutMillis(TIMEOUT_MILLIS)
			.build();
		ChannelFuture connecting = this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {

			@Override
			protected void initChannel(SocketChannel channel) {
				channel.pipeline()
					.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
							new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
							client);
			}

		}).connect(url.getHost(), port(url));
		connecting.addListener((future) -> {
			if (!future.isSuccess()) {
				client.connected().completeExceptionally(future.cause());
			}
		});
		return client;
	}

	private static int port(URI url) {
		return (url.getPort() > 0) ? url.getPort() : 80;
	}

	/**
	 * Closes every connection cleanly, waits for the sockets to close, and stops the
	 * event loop.
	 */
	void closeAll(List<StompLoadClient> clients) {
		List<ChannelFuture> closing = new ArrayList<>();
		for (StompLoadClient client : clients) {
			ChannelFuture closed = client.close();
			if (closed != null) {
				closing.add(closed);
			}
		}
		for (ChannelFuture closed : closing) {
			closed.awaitUninterruptibly(TIMEOUT_MILLIS);
		}
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	/** Connections attempted, established and failed. */
	record ConnectionCounts(int attempted, int established, int failed) {
	}

}
