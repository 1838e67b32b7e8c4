package dev.stompchat.server;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shrinks the three buffers Tomcat's WebSocket support keeps for every connection, for as
 * long as it is open: one it reads frames into, one it writes frames from and one it
 * encodes outgoing text into, 8 KiB each by default. Tomcat offers no setting for them
 * but the system property {@value #BUFFER_SIZE_PROPERTY}, read once, when its WebSocket
 * classes load as the server starts; so it is set here, before the server is created,
 * unless it was given on the command line. 2 KiB still takes an outbound chat message
 * (about 1.2 KiB with its headers) in one WebSocket frame; a larger one, such as a page
 * of history, goes out in several frames of 2 KiB, which every WebSocket client joins.
 * <p>
 * The property holds for the whole JVM: a WebSocket client in the same JVM starts with
 * the same buffers.
 */
@Component
class TomcatWebSocketBuffers implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	static final String BUFFER_SIZE_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	static final int BUFFER_BYTES = 2 * 1024;

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (System.getProperty(BUFFER_SIZE_PROPERTY) == null) {
			System.setProperty(BUFFER_SIZE_PROPERTY, Integer.toString(BUFFER_BYTES));
		}
	}

}
