package dev.stompchat.page;

import java.util.Map;

import dev.stompchat.core.RoomName;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Serves the chat page of one room; {@code /} is the default room.
 */
@Controller
class ChatPageController {

	@GetMapping("/")
	ModelAndView defaultRoom(@RequestParam(name = "transport", required = false) @Nullable String transport) {
		return room(RoomName.DEFAULT.value(), transport);
	}

	@GetMapping("/rooms/{room}")
	ModelAndView room(@PathVariable String room,
			@RequestParam(name = "transport", required = false) @Nullable String transport) {
		if (!RoomName.isValid(room)) {
			return new ModelAndView("room-not-found",
					Map.of("problem", RoomName.describeProblem(room), "defaultRoom", RoomName.DEFAULT.value()),
					HttpStatus.NOT_FOUND);
		}
		return new ModelAndView("chat",
				Map.of("room", room, "transport", Transport.fromParameter(transport).parameterValue()));
	}

}
