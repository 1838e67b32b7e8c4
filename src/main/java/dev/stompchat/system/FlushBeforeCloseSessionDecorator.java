package dev.stompchat.system;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Closes a session after an ERROR frame only once that frame has been written.
 * <p>When one thread is still writing to a session and another queues an ERROR frame
 * and closes, Spring's decorator stops writing at the close, so the client loses the
 * ERROR frame that explains why it was cut off. A close with
 * {@link CloseStatus#PROTOCOL_ERROR} (the one that follows an ERROR frame) therefore waits
 * for the queue to drain, up to the send-time limit, checking every few milliseconds on
 * a timer rather than blocking the thread.
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
		if (!CloseStatus.PROTOCOL_ERROR.equals(status) || getBufferSize() == 0) {
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
