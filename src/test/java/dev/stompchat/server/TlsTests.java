package dev.stompchat.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.stompchat.support.StompTestClient;
import dev.stompchat.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.stompchat.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application configured with {@code server.ssl.*} and a self-signed certificate made
 * at test time: the page over https, STOMP over {@code wss://…/ws} and SockJS over wss
 * and https, and nothing in the clear.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TlsTests {

	private static final String PASSWORD = "changeit";

	private static final String ALIAS = "stomp-chat";

	private static final Path KEYSTORE = selfSignedKeystore();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void serverSsl(DynamicPropertyRegistry registry) {
		registry.add("server.ssl.key-store", () -> KEYSTORE.toUri().toString());
		registry.add("server.ssl.key-store-password", () -> PASSWORD);
		registry.add("server.ssl.key-store-type", () -> "PKCS12");
		registry.add("server.ssl.key-alias", () -> ALIAS);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void twoPeopleChatOverTls(Transport transport) {
		SSLContext trusting = trustingTheCertificate();
		try (StompTestClient alice = StompTestClient.connectSecurely(this.port, transport, trusting, "alice");
				StompTestClient bob = StompTestClient.connectSecurely(this.port, transport, trusting, "bob")) {
			BlockingQueue<JsonNode> aliceInbox = alice.join("general");
			BlockingQueue<JsonNode> bobInbox = bob.join("general");

			alice.say("general", "over TLS");

			JsonNode atBob = next(bobInbox);
			assertThat(atBob.get("sender").asString()).isEqualTo("alice");
			assertThat(atBob.get("text").asString()).isEqualTo("over TLS");
			assertThat(next(aliceInbox)).isEqualTo(atBob);
		}
	}

	@Test
	void pageIsServedOverHttpsAndItsScriptsAndSockJsInfoToo() throws Exception {
		HttpClient https = HttpClient.newBuilder().sslContext(trustingTheCertificate()).build();

		for (String path : List.of("/", "/js/chat.js", "/webjars/sockjs-client/dist/sockjs.min.js", "/sockjs/info")) {
			HttpResponse<String> response = https.send(request("https", path), BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
		}
		HttpResponse<String> page = https.send(request("https", "/"), BodyHandlers.ofString());
		assertThat(page.body()).contains("data-sockjs-url=\"/sockjs\"", "data-websocket-url=\"/ws\"");
	}

	@Test
	void plainHttpIsRefused() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(request("http", "/"), BodyHandlers.ofString());

		// Tomcat recognises a request in the clear on a TLS port and answers it with 400
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("data-room");
	}

	@Test
	void clientsThatDoNotTrustTheCertificateCannotConnect() {
		assertThat(HttpClient.newHttpClient().sendAsync(request("https", "/"), BodyHandlers.ofString()))
			.failsWithin(StompTestClient.TIMEOUT)
			.withThrowableThat()
			.havingRootCause()
			.withMessageContaining("certification path");
	}

	private HttpRequest request(String scheme, String path) {
		return HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + this.port + path)).build();
	}

	/** Trusts exactly the test's self-signed certificate. */
	private static SSLContext trustingTheCertificate() {
		try (InputStream in = Files.newInputStream(KEYSTORE)) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, PASSWORD.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(keyStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The keytool command the README documents, with the JDK's keytool. */
	private static Path selfSignedKeystore() {
		try {
			Path directory = Files.createTempDirectory("stomp-chat-tls-");
			directory.toFile().deleteOnExit();
			Path keystore = directory.resolve("stomp-chat.p12");
			keystore.toFile().deleteOnExit();
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
					"-keysize", "2048", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass",
					PASSWORD, "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
			assertThat(process.exitValue()).as("keytool: " + output).isZero();
			return keystore;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
