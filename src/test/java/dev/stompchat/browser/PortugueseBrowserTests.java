package dev.stompchat.browser;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in Brazilian Portuguese, texts written by chat.js included.
 */
@BrowserTest
class PortugueseBrowserTests {

	@Autowired
	ServerConnections server;

	@Test
	void languageParameterShowsThePageAndItsEntriesInBrazilianPortuguese(Browsers browsers) {
		ChatPage alice = browsers.open("/?lang=pt-BR");
		ChatPage bob = browsers.open("/?lang=pt-BR");

		assertThat(alice.js("return document.documentElement.lang;")).isEqualTo("pt-BR");
		assertThat(alice.element("send").getText()).isEqualTo("Enviar mensagem");
		assertThat(alice.element("disconnect").getText()).isEqualTo("Finalizar conexão");
		assertThat(alice.element("connect").getText()).isEqualTo("Conectar");

		alice.connectAs("alice");
		bob.connectAs("bob");
		assertThat(alice.status()).isEqualTo("Conectado como alice");
		this.server.awaitJoined("bob", "general");
		alice.awaitSystemEntry("bob entrou");
		alice.awaitMembers("alice", "bob");
		assertThat(alice.membersCount()).isEqualTo("Conectados (2)");
		alice.say("Olá, Bob!");

		assertThat(alice.awaitEntry("Olá, Bob!").label()).isEqualTo("Enviado");
		assertThat(bob.awaitEntry("Olá, Bob!").label()).isEqualTo("Recebido");

		alice.disconnect();
		assertThat(alice.status()).isEqualTo("Websocket desconectado.");
		alice.say("Ainda aí?");
		assertThat(alice.awaitErrorWithCode("NOT_CONNECTED").text()).isEqualTo("Não enviado: não conectado");
	}

}
