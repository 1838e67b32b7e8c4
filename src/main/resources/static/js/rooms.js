/*
 * The room switcher: the active rooms (Refresh asks again) and Open room, which goes to
 * any valid room name, keeping this page's ?lang and ?transport.
 */

import { element } from './dom.js';

const KEPT_PARAMETERS = ['lang', 'transport'];

/**
 * @param room this page's room
 * @param names { pattern, roomsUrl }: the room-name pattern and where room pages are
 * @param elements { list, refresh, form, input, hint }
 * @param requestRooms asks the server for the active rooms, when connected
 * @param memberCount the number of members in this page's room, as the Online list has it
 */
export function createRooms(room, names, elements, texts, requestRooms, memberCount) {
	const roomName = new RegExp('^(?:' + names.pattern + ')$');

	elements.refresh.addEventListener('click', requestRooms);
	elements.form.addEventListener('submit', (event) => {
		event.preventDefault();
		openRoom();
	});
	elements.input.addEventListener('input', () => {
		const name = elements.input.value.trim();
		if (name === '' || roomName.test(name)) {
			showHint(false);
		}
	});

	/** The answer to SUBSCRIBE /app/rooms. */
	function answer(roomsAnswer) {
		const answered = Array.isArray(roomsAnswer.rooms) ? roomsAnswer.rooms : [];
		// The answer can be made before the server has counted this page's own subscription;
		// the room this page is in is active all the same.
		const rooms = answered.some((active) => active.room === room)
			? answered : [{ room: room, members: Math.max(memberCount(), 1) }, ...answered];
		elements.list.replaceChildren(...rooms.filter((active) => roomName.test(String(active.room))).map((active) => {
			const item = element('li', 'room');
			item.dataset.room = active.room;
			const link = element('a', 'room-link', '#' + active.room);
			link.href = roomHref(active.room);
			if (active.room === room) {
				link.setAttribute('aria-current', 'page');
			}
			const count = element('span', 'room-members',
				membersText((active.room === room && memberCount() > 0) ? memberCount() : active.members));
			item.append(link, ' ', count);
			return item;
		}));
	}

	/** This room's line follows the Online list; the others, Refresh. */
	function ownRoomCount(count) {
		const ownRoom = elements.list.querySelector('li[data-room="' + CSS.escape(room) + '"] .room-members');
		if (ownRoom && count > 0) {
			ownRoom.textContent = membersText(count);
		}
	}

	function connectionState(state) {
		elements.refresh.disabled = (state !== 'connected');
	}

	function openRoom() {
		const name = elements.input.value.trim();
		if (!roomName.test(name)) {
			showHint(true);
			elements.input.focus();
			return;
		}
		showHint(false);
		window.location.assign(roomHref(name));
	}

	function showHint(invalid) {
		elements.hint.hidden = !invalid;
		if (invalid) {
			elements.input.setAttribute('aria-invalid', 'true');
		}
		else {
			elements.input.removeAttribute('aria-invalid');
		}
	}

	// the page of a room, keeping this page's ?lang and ?transport
	function roomHref(name) {
		const url = new URL(names.roomsUrl + encodeURIComponent(name), window.location.href);
		const current = new URLSearchParams(window.location.search);
		KEPT_PARAMETERS.forEach((parameter) => {
			if (current.has(parameter)) {
				url.searchParams.set(parameter, current.get(parameter));
			}
		});
		return url.pathname + url.search;
	}

	function membersText(count) {
		return texts.withCount('roomMembers', count);
	}

	return Object.freeze({
		answer,
		ownRoomCount,
		connectionState,
	});
}
