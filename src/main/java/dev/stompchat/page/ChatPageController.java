package dev.stompchat.page;

import java.util.Map;

import dev.stompchat.core.ClientReplies;
import dev.stompchat.core.RoomName;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Serves the chat page of one room; {@code /} is the default room. The page's script
 * takes the protocol from the model, where it comes from the server's own constants: the
 * room's destinations, the room-name pattern and the SockJS transports.
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
		return new ModelAndView("chat", chatModel(new RoomName(room), Transport.fromParameter(transport)));
	}

	private static Map<String, Object> chatModel(RoomName room, Transport transport) {
		return Map.ofEntries(Map.entry("room", room.value()), Map.entry("transport", transport.parameterValue()),
				Map.entry("sockJsTransports", String.join(" ", Transport.sockJsRestrictions())),
				Map.entry("roomNamePattern", RoomName.PATTERN), Map.entry("topic", room.topic()),
				Map.entry("sendDestination", room.applicationDestination(RoomName.SEND_SUFFIX)),
				Map.entry("membersDestination", room.applicationDestination(RoomName.MEMBERS_SUFFIX)),
				Map.entry("historyDestination", room.applicationDestination(RoomName.HISTORY_SUFFIX)),
				Map.entry("roomsDestination", RoomName.ROOMS_DESTINATION),
				Map.entry("errorsDestination", ClientReplies.ERROR_QUEUE));
	}

}
