package dev.stompchat.messaging;

import dev.stompchat.cluster.InstanceExpired;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes this instance's connections with 1012 (service restarted) when the other
 * instances wrote it off: their members and nicknames have ended everywhere, so the
 * clients must reconnect and join afresh rather than stay on as members nobody else sees.
 */
@Component
class WrittenOffConnections {

	private static final Log logger = LogFactory.getLog(WrittenOffConnections.class);

	static final CloseStatus WRITTEN_OFF = CloseStatus.SERVICE_RESTARTED
		.withReason("The server lost its place in the cluster: reconnect.");

	private final ChatWebSocketHandler handler;

	WrittenOffConnections(ChatWebSocketHandler handler) {
		this.handler = handler;
	}

	@EventListener
	void close(InstanceExpired expired) {
		logger.warn("Closing " + this.handler.openSessions() + " connections: this instance was written off");
		this.handler.closeOpen(WRITTEN_OFF);
	}

}
