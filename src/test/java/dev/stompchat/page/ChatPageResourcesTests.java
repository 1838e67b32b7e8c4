package dev.stompchat.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static checks of the page's resources: both languages have every text, and nothing lets
 * user text in as markup or would need an inline script.
 */
class ChatPageResourcesTests {

	@Test
	void everyMessageExistsInBothLanguages() throws IOException {
		Properties english = load("messages.properties");
		Properties portuguese = load("messages_pt_BR.properties");

		assertThat(portuguese.stringPropertyNames()).as("keys of messages_pt_BR.properties")
			.containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
	}

	@Test
	void portugueseTextsAreTheAgreedOnes() throws IOException {
		Properties portuguese = load("messages_pt_BR.properties");

		assertThat(portuguese).containsEntry("chat.status.connecting", "Conectando…")
			.containsEntry("chat.status.connected", "Conectado como {0}")
			.containsEntry("chat.status.disconnected", "Websocket desconectado.")
			.containsEntry("chat.connect", "Conectar")
			.containsEntry("chat.disconnect", "Finalizar conexão")
			.containsEntry("chat.send", "Enviar mensagem")
			.containsEntry("chat.entry.sent", "Enviado")
			.containsEntry("chat.entry.received", "Recebido")
			.containsEntry("chat.error.not-connected", "Não enviado: não conectado");
	}

	@Test
	void chatScriptNeverParsesTextAsMarkup() throws IOException {
		String script = read("static/js/chat.js");

		assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
	}

	@Test
	void templatesHaveNoInlineScriptOrStyle() throws IOException {
		for (String template : new String[] { "templates/chat.html", "templates/room-not-found.html" }) {
			assertThat(read(template)).as(template)
				.doesNotContainPattern("<script(?![^>]*\\sth:src=)[^>]*>")
				.doesNotContainPattern("\\s(th:)?on[a-z]+=")
				.doesNotContainPattern("\\s(th:)?style=");
		}
	}

	private static Properties load(String path) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(path).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	private static String read(String path) throws IOException {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
