package dev.stompchat.page;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Which view and model the page controller answers with, in a web slice without a server:
 * the templates are rendered, but no STOMP endpoint or broker is started.
 */
// The slice takes in every Filter and @ControllerAdvice of the application; two kinds are
// left out by name (they are package-private to their modules), and why:
// - core's ChatErrorReplies answers the STOMP controllers' refusals through
// ClientReplies and the message broker, which are no part of a page request;
// - server's filters bound requests and set the security headers (one needs the chat.*
// settings); they have tests of their own, and a page request is the controller's here.
@WebMvcTest(controllers = ChatPageController.class,
		excludeFilters = {
				@ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.stompchat\\.core\\.ChatErrorReplies"),
				@ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.stompchat\\.server\\..*") })
class ChatPageControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void rootRendersTheChatViewOfTheDefaultRoom() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(view().name("chat"))
			.andExpect(model().attribute("room", "general"))
			.andExpect(model().attribute("transport", "sockjs"))
			.andExpect(content().string(containsString("data-room=\"general\"")));
	}

	@Test
	void aValidRoomPathRendersTheChatViewOfThatRoom() throws Exception {
		this.mvc.perform(get("/rooms/dev-talk"))
			.andExpect(status().isOk())
			.andExpect(view().name("chat"))
			.andExpect(model().attribute("room", "dev-talk"))
			.andExpect(content().string(containsString("data-room=\"dev-talk\"")));
	}

	@Test
	void anInvalidRoomNameIsNotFoundWithThePageThatSaysWhy() throws Exception {
		this.mvc.perform(get("/rooms/Bad_Room"))
			.andExpect(status().isNotFound())
			.andExpect(view().name("room-not-found"))
			.andExpect(model().attribute("problem",
					"Invalid room name 'Bad_Room': use 1 to 32 lowercase letters, "
							+ "digits or hyphens, starting with a letter or digit."))
			.andExpect(model().attribute("defaultRoom", "general"))
			.andExpect(model().attributeDoesNotExist("room"))
			.andExpect(content().string(containsString("Invalid room name &#39;Bad_Room&#39;")));
	}

	@ParameterizedTest
	@CsvSource({ "websocket, websocket", "xhr-streaming, xhr-streaming", "xhr-polling, xhr-polling",
			"iframe-eventsource, iframe-eventsource", "iframe-htmlfile, iframe-htmlfile",
			"iframe-xhr-polling, iframe-xhr-polling", "sockjs, sockjs", "carrier-pigeon, sockjs", "WEBSOCKET, sockjs",
			"'', sockjs", "'<script>', sockjs" })
	void transportParameterIsClampedToAKnownTransport(String requested, String used) throws Exception {
		this.mvc.perform(get("/rooms/general").queryParam("transport", requested))
			.andExpect(status().isOk())
			.andExpect(model().attribute("transport", used))
			.andExpect(content().string(containsString("data-transport=\"" + used + "\"")));
		this.mvc.perform(get("/").queryParam("transport", requested)).andExpect(model().attribute("transport", used));
	}

}
