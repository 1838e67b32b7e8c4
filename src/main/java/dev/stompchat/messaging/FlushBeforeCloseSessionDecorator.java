package dev.stompchat.messaging;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Closes a session only once the frames queued for it have been written, such as the
 * ERROR frame that explains why it is closed or the RECEIPT of its DISCONNECT.
 * <p>
 * When one thread is still writing to a session and another queues a last frame and
 * closes, Spring's decorator stops writing at the close, so the client loses that frame.
 * A close therefore waits for the queue to drain, up to the send-time limit, checking
 * every few milliseconds on a timer rather than blocking the thread; except the close of
 * a session cut off for exceeding the send limits, whose queue will not drain.
 */
class FlushBeforeCloseSessionDecorator extends ConcurrentWebSocketSessionDecorator {

	private static final long CHECK_INTERVAL_MILLIS = 5;

	private static final Executor LATER = CompletableFuture.delayedExecutor(CHECK_INTERVAL_MILLIS,
			TimeUnit.MILLISECONDS);

	private final long maxWaitNanos;

	FlushBeforeCloseSessionDecorator(WebSocketSession session, int sendTimeLimit, int bufferSizeLimit) {
		super(session, sendTimeLimit, bufferSizeLimit);
		this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(sendTimeLimit);
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (CloseStatus.SESSION_NOT_RELIABLE.equals(status) || getBufferSize() == 0) {
			super.close(status);
			return;
		}
		closeOnceFlushed(status, System.nanoTime() + this.maxWaitNanos);
	}

	private void closeOnceFlushed(CloseStatus status, long deadline) {
		if (getBufferSize() > 0 && isOpen() && System.nanoTime() < deadline) {
			LATER.execute(() -> closeOnceFlushed(status, deadline));
			return;
		}
		try {
			super.close(status);
		}
		catch (IOException ex) {
			// the connection is gone already
		}
	}

}
