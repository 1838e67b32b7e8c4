package dev.stompchat.server;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Halves the buffers Tomcat keeps for every open connection, for as long as it is open:
 * one it reads into and one it writes from, 8 KiB each by default. A chat server holds
 * thousands of mostly idle connections, so these buffers are a good part of what each
 * costs. 4 KiB still takes an outbound chat message (about 1.2 KiB with its headers) in
 * one write; a larger frame, or a page or script served over HTTP, simply takes more than
 * one read or write.
 */
@Component
class TomcatSocketBuffers implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	static final int BUFFER_BYTES = 4 * 1024;

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers((connector) -> {
			connector.setProperty("socket.appReadBufSize", Integer.toString(BUFFER_BYTES));
			connector.setProperty("socket.appWriteBufSize", Integer.toString(BUFFER_BYTES));
		});
	}

}
