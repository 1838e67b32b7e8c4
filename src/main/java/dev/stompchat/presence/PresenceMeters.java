package dev.stompchat.presence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * How many rooms have members ({@code chat.rooms}) and how many members they have in all
 * ({@code chat.members}), as the {@link RoomPresence} holds them: someone in two rooms
 * counts in both, several tabs in one room once. Neither is tagged by room, so that the
 * number of series does not grow with the rooms people make up.
 */
@Component
class PresenceMeters implements MeterBinder {

	private final RoomPresence presence;

	PresenceMeters(RoomPresence presence) {
		this.presence = presence;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.rooms", this, PresenceMeters::rooms).description("Rooms with members").register(registry);
		Gauge.builder("chat.members", this, PresenceMeters::members)
			.description("Members of rooms, summed over the rooms")
			.register(registry);
	}

	private double rooms() {
		return this.presence.activeRooms().size();
	}

	private double members() {
		return this.presence.activeRooms().stream().mapToInt(ActiveRoom::members).sum();
	}

}
