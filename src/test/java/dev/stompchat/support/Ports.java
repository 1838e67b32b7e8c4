package dev.stompchat.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether a server listens on a port. */
final class Ports {

	private static final int CONNECT_TIMEOUT_MILLIS = 1000;

	private Ports() {
	}

	static boolean isOpen(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
