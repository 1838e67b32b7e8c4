package dev.stompchat.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket written by hand over a plain socket, for what no WebSocket client library
 * will do: send a text message that is not valid UTF-8, or stop reading altogether (a
 * phone in a tunnel, as the server sees it).
 */
public final class HandMadeWebSocket implements AutoCloseable {

	private static final int TEXT = 0x1;

	private static final int CLOSE = 0x8;

	private final Socket socket;

	private final DataInputStream in;

	private HandMadeWebSocket(int port, int receiveBufferSize) throws IOException {
		this.socket = new Socket();
		if (receiveBufferSize > 0) {
			this.socket.setReceiveBufferSize(receiveBufferSize);
		}
		this.socket.connect(new InetSocketAddress("localhost", port), (int) StompTestClient.TIMEOUT.toMillis());
		this.socket.setSoTimeout((int) StompTestClient.TIMEOUT.toMillis());
		this.in = new DataInputStream(this.socket.getInputStream());
		String key = Base64.getEncoder().encodeToString("hand-made-key-16".getBytes(StandardCharsets.US_ASCII));
		this.socket.getOutputStream()
			.write(("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Protocol: v12.stomp\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		String response = readHttpResponse();
		if (!response.startsWith("HTTP/1.1 101")) {
			throw new IOException("Handshake refused: " + response);
		}
	}

	public static HandMadeWebSocket open(int port) throws IOException {
		return new HandMadeWebSocket(port, 0);
	}

	/**
	 * Open a WebSocket whose receive buffer is small, so that the server's writes stall
	 * soon once the test stops reading from it.
	 */
	public static HandMadeWebSocket openWithSmallReceiveBuffer(int port) throws IOException {
		return new HandMadeWebSocket(port, 4096);
	}

	/** The client's own port, as the server sees it in the client's address. */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	/** Send one text message. */
	public void sendText(String text) throws IOException {
		sendText(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Send one text message with exactly these bytes as its payload. */
	public void sendText(byte[] payload) throws IOException {
		byte[] mask = { 1, 2, 3, 4 };
		OutputStream out = this.socket.getOutputStream();
		out.write(0x80 | TEXT);
		if (payload.length < 126) {
			out.write(0x80 | payload.length);
		}
		else {
			out.write(0x80 | 126);
			out.write(payload.length >> 8);
			out.write(payload.length & 0xFF);
		}
		out.write(mask);
		for (int i = 0; i < payload.length; i++) {
			out.write(payload[i] ^ mask[i % 4]);
		}
		out.flush();
	}

	/** Read frames until the server's close frame and return its status code. */
	public int awaitCloseCode() throws IOException {
		while (true) {
			int opcode = this.in.readUnsignedByte() & 0x0F;
			int length = this.in.readUnsignedByte() & 0x7F;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = (int) this.in.readLong();
			}
			byte[] payload = this.in.readNBytes(length);
			if (opcode == CLOSE) {
				return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
			}
		}
	}

	private String readHttpResponse() throws IOException {
		StringBuilder response = new StringBuilder();
		while (!response.toString().endsWith("\r\n\r\n")) {
			response.append((char) this.in.readUnsignedByte());
		}
		return response.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
