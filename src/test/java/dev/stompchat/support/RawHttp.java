package dev.stompchat.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 written by hand on a plain socket, for requests that a proper client would
 * refuse to send or would tidy up first (encoded slashes, {@code ..;}, oversized headers,
 * bodies that lie about their length or never end).
 */
public final class RawHttp implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawHttp(Socket socket) throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout(TIMEOUT_MILLIS);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	public static RawHttp connect(int port) throws IOException {
		return new RawHttp(new Socket("localhost", port));
	}

	/**
	 * Connects to 127.0.0.1 from another loopback address, such as 127.0.0.2, so that the
	 * server sees another client address.
	 */
	public static RawHttp connectFrom(InetAddress localAddress, int port) throws IOException {
		return new RawHttp(new Socket(InetAddress.getLoopbackAddress(), port, localAddress, 0));
	}

	/**
	 * Sends the request, which must ask for {@code Connection: close}, and reads the
	 * answer.
	 */
	public static Response exchange(int port, String request) throws IOException {
		try (RawHttp http = connect(port)) {
			http.write(request);
			return http.readResponse();
		}
	}

	public RawHttp write(String text) throws IOException {
		return write(text.getBytes(StandardCharsets.UTF_8));
	}

	public RawHttp write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/** Writes one chunk of a chunked body. */
	public RawHttp writeChunk(byte[] data) throws IOException {
		write(Integer.toHexString(data.length) + "\r\n");
		write(data);
		return write("\r\n");
	}

	/**
	 * Keeps writing chunks of {@code chunk} in the background, up to {@code total} bytes,
	 * and then the last chunk; stops quietly when the server closes the connection.
	 */
	public CompletableFuture<Void> writeChunksInBackground(byte[] chunk, long total) {
		return CompletableFuture.runAsync(() -> {
			try {
				for (long written = 0; written < total; written += chunk.length) {
					writeChunk(chunk);
				}
				write("0\r\n\r\n");
			}
			catch (IOException ex) {
				// the server stopped reading and closed the connection
			}
		});
	}

	/**
	 * Reads one response: its head, and its body by its length, its chunks or up to the
	 * close. A 101 (Switching Protocols) has no body: what follows it is the new
	 * protocol's.
	 */
	public Response readResponse() throws IOException {
		String statusLine = readLine();
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			headers
				.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
				.add(line.substring(colon + 1).trim());
		}
		Response head = new Response(status, headers, "");
		if (status == 101) {
			return head;
		}
		byte[] body;
		if (head.header("Content-Length") != null) {
			body = this.in.readNBytes(Integer.parseInt(head.header("Content-Length")));
		}
		else if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
			body = readChunks();
		}
		else {
			body = this.in.readAllBytes();
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private byte[] readChunks() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(),
				16)) {
			body.write(this.in.readNBytes(size));
			readLine();
		}
		readLine();
		return body.toByteArray();
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int next = this.in.read(); next != '\n'; next = this.in.read()) {
			if (next == -1) {
				throw new IOException("The connection closed in the middle of a line: " + line);
			}
			if (next != '\r') {
				line.write(next);
			}
		}
		return line.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** A response; header names are compared ignoring case. */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = headers(name);
			return values.isEmpty() ? null : values.get(0);
		}

		public List<String> headers(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

	}

}
