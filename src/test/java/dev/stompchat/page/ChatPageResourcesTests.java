package dev.stompchat.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

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
	void noModuleOfThePageParsesTextAsMarkup() throws IOException {
		List<Resource> modules = pageModules();

		assertThat(modules).extracting(Resource::getFilename)
			.contains("chat.js", "connection.js", "reconnect.js", "messages.js", "outbox.js", "members.js", "rooms.js",
					"i18n.js");
		for (Resource module : modules) {
			assertThat(read(module)).as(module.getFilename())
				.doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
						"new Function(")
				.doesNotContainPattern("\\.on[a-z]+\\s*=[^=]")
				.doesNotContainPattern("setAttribute\\(\\s*['\"]on");
		}
	}

	@Test
	void templateLoadsTheEntryModuleAfterTheClassicLibraries() throws IOException {
		String template = read("templates/chat.html");

		assertThat(template).containsPattern("<script th:src=\"@\\{/js/chat\\.js}\" type=\"module\"></script>")
			.doesNotContainPattern("<script th:src=\"@\\{/js/(?!chat\\.js)");
		assertThat(template.indexOf("stomp.umd.min.js")).isPositive().isLessThan(template.indexOf("/js/chat.js"));
		assertThat(template.indexOf("sockjs.min.js")).isPositive().isLessThan(template.indexOf("/js/chat.js"));
	}

	@Test
	void everyModuleImportedIsThere() throws IOException {
		List<String> names = pageModules().stream().map(Resource::getFilename).toList();
		Pattern importFrom = Pattern.compile("^import .* from '\\./([^']+)';$", Pattern.MULTILINE);

		for (Resource module : pageModules()) {
			List<String> imported = importFrom.matcher(read(module)).results().map((match) -> match.group(1)).toList();
			assertThat(names).as("modules imported by " + module.getFilename()).containsAll(imported);
		}
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

	private static List<Resource> pageModules() throws IOException {
		return Arrays.asList(new PathMatchingResourcePatternResolver().getResources("classpath:static/js/**/*.js"));
	}

	private static String read(String path) throws IOException {
		return read(new ClassPathResource(path));
	}

	private static String read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
