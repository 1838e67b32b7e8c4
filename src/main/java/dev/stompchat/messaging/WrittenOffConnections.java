package dev.stompchat.messaging;

import dev.stompchat.cluster.InstanceExpired;
import dev.stompchat.presence.PresenceTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes this instance's connections with 1012 (service restarted) when the other
 * instances wrote it off: their members and nicknames have ended everywhere, so the
 * clients must reconnect and join afresh rather than stay on as members nobody else sees.
 * The presence tracker forgets them first, so that a client back within the leave grace
 * is announced as arriving.
 */
@Component
class WrittenOffConnections {

	private static final Log logger = LogFactory.getLog(WrittenOffConnections.class);

	static final CloseStatus WRITTEN_OFF = CloseStatus.SERVICE_RESTARTED
		.withReason("The server lost its place in the cluster: reconnect.");

	private final ChatWebSocketHandler handler;

	private final PresenceTracker presence;

	WrittenOffConnections(ChatWebSocketHandler handler, PresenceTracker presence) {
		this.handler = handler;
		this.presence = presence;
	}

	@EventListener
	void close(InstanceExpired expired) {
		logger.warn("Closing " + this.handler.openSessions() + " connections: this instance was written off");
		this.presence.forgetAll();
		this.handler.closeOpen(WRITTEN_OFF);
	}

}
