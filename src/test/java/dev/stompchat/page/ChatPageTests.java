package dev.stompchat.page;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.stompchat.core.RoomName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page over real HTTP: its controls, its languages, the resources it loads, and
 * the page for a room name that cannot exist.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatPageTests {

	private static final List<String> CONTROL_IDS = List.of("nickname", "connect", "status", "message", "send",
			"disconnect", "messages");

	private static final Pattern SCRIPT_SOURCE = Pattern.compile("<script[^>]*\\ssrc=\"([^\"]+)\"");

	private static final Pattern SCRIPT_TAG = Pattern.compile("<script[^>]*>");

	private static final Pattern MODULE_IMPORT = Pattern.compile("^import .* from '\\./([^']+)';$", Pattern.MULTILINE);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void defaultRoomPageHasEveryControlInEnglish() throws Exception {
		HttpResponse<String> response = get("/");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/html"));
		assertHasEveryControl(response.body());
		assertThat(response.body()).contains("<html lang=\"en\"", "data-room=\"general\"", ">Send message<",
				">Close connection<", ">Connect<", ">Disconnected<", "data-state=\"disconnected\"",
				"data-i18n-sent=\"Sent\"", "data-i18n-received=\"Received\"",
				"data-i18n-connected=\"Connected as {nickname}\"",
				"data-i18n-not-connected=\"Not sent: not connected\"");
	}

	@Test
	void roomPageServesTheRoomOfItsPath() throws Exception {
		HttpResponse<String> response = get("/rooms/dev-talk");

		assertThat(response.statusCode()).isEqualTo(200);
		assertHasEveryControl(response.body());
		assertThat(response.body()).contains("data-room=\"dev-talk\"", "#dev-talk");
	}

	@Test
	void statusAndMessageListAnnounceChangesPolitely() throws Exception {
		String page = get("/").body();

		assertThat(page).containsPattern("<p id=\"status\"[^>]*aria-live=\"polite\"")
			.containsPattern("<ol id=\"messages\"[^>]*aria-live=\"polite\"")
			.contains("<label for=\"nickname\"", "<label for=\"message\"");
	}

	@Test
	void languageParameterSwitchesToBrazilianPortugueseAndTheCookieRemembersIt() throws Exception {
		HttpResponse<String> response = get("/?lang=pt-BR");

		assertThat(response.statusCode()).isEqualTo(200);
		assertInBrazilianPortuguese(response.body());
		String cookie = response.headers()
			.firstValue("Set-Cookie")
			.map((setCookie) -> setCookie.substring(0, setCookie.indexOf(';')))
			.orElseThrow();
		assertThat(cookie).isEqualTo(LocaleConfiguration.LOCALE_COOKIE + "=pt-BR");

		assertInBrazilianPortuguese(send(request("/rooms/dev-talk").header("Cookie", cookie)).body());
	}

	@Test
	void pageHasTheOnlineListAndTheRoomSwitcherInBothLanguages() throws Exception {
		assertThat(get("/?lang=en").body()).contains("id=\"members\"", "id=\"members-count\"", ">Online (0)<",
				"id=\"rooms\"", "id=\"rooms-refresh\"", "id=\"new-room\"", ">Open room<",
				"data-i18n-joined=\"{nickname} joined\"", "data-i18n-left=\"{nickname} left\"",
				"data-i18n-online=\"Online ({count})\"", "data-i18n-not-sent=\"Not sent\"",
				"data-i18n-gap=\"Some messages could not be recovered.\"", "data-rooms-url=\"/rooms/\"");
		assertThat(get("/?lang=pt-BR").body()).contains(">Conectados (0)<", ">Abrir sala<",
				"data-i18n-joined=\"{nickname} entrou\"", "data-i18n-left=\"{nickname} saiu\"",
				"data-i18n-not-sent=\"Não enviado\"", "data-i18n-sending=\"Enviando…\"");
	}

	@Test
	void languageParameterAcceptsTheUnderscoreForm() throws Exception {
		assertInBrazilianPortuguese(get("/rooms/dev-talk?lang=pt_BR").body());
	}

	@Test
	void acceptLanguageHeaderChoosesBrazilianPortuguese() throws Exception {
		HttpResponse<String> response = send(request("/").header("Accept-Language", "pt-BR,pt;q=0.9,en;q=0.8"));

		assertInBrazilianPortuguese(response.body());
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void languageParameterOverridesAcceptLanguage() throws Exception {
		String page = send(request("/?lang=en").header("Accept-Language", "pt-BR")).body();

		assertThat(page).contains("<html lang=\"en\"", ">Send message<");
	}

	@Test
	void unsupportedLanguagesFallBackToEnglish() throws Exception {
		String fromHeader = send(request("/").header("Accept-Language", "fr-FR,de;q=0.5")).body();
		String fromParameter = get("/?lang=de").body();
		String fromCookie = send(request("/").header("Cookie", LocaleConfiguration.LOCALE_COOKIE + "=fr")).body();

		assertThat(List.of(fromHeader, fromParameter, fromCookie))
			.allSatisfy((page) -> assertThat(page).contains("<html lang=\"en\"", ">Send message<"));
	}

	@Test
	void transportParameterIsHandedToTheScript() throws Exception {
		assertThat(get("/").body()).contains("data-transport=\"sockjs\"", "data-sockjs-url=\"/sockjs\"",
				"data-websocket-url=\"/ws\"");
		assertThat(get("/?transport=websocket").body()).contains("data-transport=\"websocket\"");
		assertThat(get("/?transport=xhr-streaming").body()).contains("data-transport=\"xhr-streaming\"");
		assertThat(get("/?transport=xhr-polling").body()).contains("data-transport=\"xhr-polling\"");
		assertThat(get("/?transport=iframe-eventsource").body()).contains("data-transport=\"iframe-eventsource\"");
		assertThat(get("/?transport=iframe-htmlfile").body()).contains("data-transport=\"iframe-htmlfile\"");
		assertThat(get("/?transport=iframe-xhr-polling").body()).contains("data-transport=\"iframe-xhr-polling\"");
		assertThat(get("/?transport=carrier-pigeon").body()).contains("data-transport=\"sockjs\"");
	}

	@Test
	void protocolIsHandedToTheScriptFromTheServersConstants() throws Exception {
		assertThat(get("/rooms/dev-talk").body()).contains("data-topic=\"/topic/rooms.dev-talk\"",
				"data-send-destination=\"/app/rooms.dev-talk.send\"",
				"data-members-destination=\"/app/rooms.dev-talk.members\"",
				"data-history-destination=\"/app/rooms.dev-talk.history\"", "data-rooms-destination=\"/app/rooms\"",
				"data-errors-destination=\"/user/queue/errors\"", "data-room-name-pattern=\"[a-z0-9][a-z0-9-]{0,31}\"",
				"data-sockjs-transports=\"xhr-streaming xhr-polling iframe-eventsource iframe-htmlfile iframe-xhr-polling\"");
	}

	@Test
	void pageNeedsNoInlineScriptOrStyle() throws Exception {
		String page = get("/").body();

		assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContainPattern("\\sstyle=");
	}

	@Test
	void scriptsThePageReferencesAreServedAsJavaScript() throws Exception {
		List<String> sources = scriptSources(get("/").body());

		// the resource chain may add the webjar's version to the path
		assertThat(sources).hasSize(3);
		assertThat(sources.get(0)).matches("/webjars/sockjs-client/(.+/)?dist/sockjs\\.min\\.js");
		assertThat(sources.get(1)).matches("/webjars/stomp__stompjs/(.+/)?bundles/stomp\\.umd\\.min\\.js");
		assertThat(sources.get(2)).isEqualTo("/js/chat.js");
		assertThat(SCRIPT_TAG.matcher(get("/").body()).results().map((tag) -> tag.group()).toList())
			.as("the entry module, after the classic scripts of the libraries")
			.last()
			.satisfies((tag) -> assertThat(tag).contains("src=\"/js/chat.js\"", "type=\"module\""));
		for (String source : sources) {
			HttpResponse<String> script = get(source);
			assertThat(script.statusCode()).as(source).isEqualTo(200);
			assertThat(script.headers().firstValue("Content-Type")).as(source)
				.hasValueSatisfying((contentType) -> assertThat(contentType).contains("javascript"));
		}
		assertThat(get(sources.get(1)).body()).contains("StompJs");
		assertThat(get("/webjars/stomp__stompjs/bundles/stomp.umd.min.js").statusCode()).isEqualTo(200);
		assertThat(get("/webjars/sockjs-client/dist/sockjs.min.js").statusCode()).isEqualTo(200);
	}

	@Test
	void everyModuleTheEntryModuleImportsIsServedAsJavaScript() throws Exception {
		List<String> imported = MODULE_IMPORT.matcher(get("/js/chat.js").body())
			.results()
			.map((match) -> match.group(1))
			.toList();

		assertThat(imported).contains("connection.js", "messages.js", "outbox.js", "members.js", "rooms.js", "i18n.js");
		for (String module : imported) {
			HttpResponse<String> script = get("/js/" + module);
			assertThat(script.statusCode()).as(module).isEqualTo(200);
			assertThat(script.headers().firstValue("Content-Type")).as(module)
				.hasValueSatisfying((contentType) -> assertThat(contentType).contains("javascript"));
		}
	}

	@Test
	void stylesheetIsServed() throws Exception {
		HttpResponse<String> response = get("/css/chat.css");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/css"));
		assertThat(get("/").body()).contains("href=\"/css/chat.css\"");
	}

	@Test
	void invalidRoomNameAnswersNotFoundWithTheReason() throws Exception {
		HttpResponse<String> response = get("/rooms/Bad_Room");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/html"));
		assertThat(HtmlUtils.htmlUnescape(response.body())).contains("This room does not exist",
				RoomName.describeProblem("Bad_Room"), "href=\"/\"", "Go to #general");
		assertThat(response.body()).doesNotContain("id=\"chat\"");
	}

	@Test
	void invalidRoomNameIsEscapedOnThePage() throws Exception {
		HttpResponse<String> response = get("/rooms/%3Cb%3Ebold");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("<b>bold").contains("&lt;b&gt;bold");
	}

	@Test
	void notFoundPageIsLocalized() throws Exception {
		HttpResponse<String> response = send(request("/rooms/Bad_Room").header("Accept-Language", "pt-BR"));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("<html lang=\"pt-BR\"", "Esta sala não existe", "Ir para #general");
	}

	private static void assertHasEveryControl(String page) {
		assertThat(CONTROL_IDS).allSatisfy((id) -> assertThat(page).contains("id=\"" + id + "\""));
	}

	private static void assertInBrazilianPortuguese(String page) {
		assertHasEveryControl(page);
		assertThat(page).contains("<html lang=\"pt-BR\"", ">Enviar mensagem<", ">Finalizar conexão<", ">Conectar<",
				">Websocket desconectado.<", "data-i18n-connecting=\"Conectando…\"",
				"data-i18n-connected=\"Conectado como {nickname}\"", "data-i18n-sent=\"Enviado\"",
				"data-i18n-received=\"Recebido\"", "data-i18n-not-connected=\"Não enviado: não conectado\"");
	}

	private static List<String> scriptSources(String page) {
		Matcher matcher = SCRIPT_SOURCE.matcher(page);
		return matcher.results().map((result) -> result.group(1)).toList();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

}
