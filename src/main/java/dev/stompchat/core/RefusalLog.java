package dev.stompchat.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Logs every refusal as one WARN line, with the session and the sentence the client was
 * given, never its payload or a stack trace. A flood of refusals must not fill the disk,
 * so lines are rate-limited; the next line that is written says how many were left out.
 */
@Component
class RefusalLog {

	static final int BURST = 50;

	static final int LINES_PER_SECOND = 10;

	private static final Log logger = LogFactory.getLog(RefusalLog.class);

	private final Bucket lines = Bucket.builder()
		.addLimit(Bandwidth.builder().capacity(BURST).refillGreedy(LINES_PER_SECOND, Duration.ofSeconds(1)).build())
		.build();

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * Log that a frame of a session was refused.
	 * @param sentence what the client was told, or what happened to the frame; it must
	 * hold no more of the client's input than a {@link Excerpt}
	 */
	void refused(String sessionId, String sentence) {
		if (!this.lines.tryConsume(1)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long left = this.suppressed.getAndSet(0);
		logger.warn("Refused a frame of session " + sessionId + ": " + sentence
				+ ((left > 0) ? " (" + left + " more refusals were not logged)" : ""));
	}

}
