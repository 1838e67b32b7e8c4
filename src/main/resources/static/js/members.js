/*
 * The Online list: who is in the room, in the order they came. It starts from the
 * members answer and follows JOIN, LEAVE and PRESENCE (arrivals and departures gathered
 * in a large room) from the room's topic.
 */

import { element } from './dom.js';

/**
 * @param elements { list, count }: #members and #members-count
 * @param onCountChange called with the number of members whenever the list changes
 */
export function createMembers(elements, texts, connection, onCountChange) {
	// the nicknames in the room, in the order they came
	let members = [];

	/** The answer to SUBSCRIBE /app/rooms.{room}.members; I am in the room whatever it says. */
	function answer(membersAnswer) {
		const nicknames = (Array.isArray(membersAnswer.members) ? membersAnswer.members : [])
			.map((member) => member.nickname);
		const me = connection.me();
		if (me !== null && !nicknames.includes(me)) {
			nicknames.push(me);
		}
		show(nicknames);
	}

	/** A room message: arrivals and departures change the list; my own departure is not news. */
	function follow(message) {
		const me = connection.me();
		if (message.type === 'JOIN') {
			if (message.sender != null && !members.includes(message.sender)) {
				show(members.concat([message.sender]));
			}
		}
		else if (message.type === 'LEAVE' && message.sender !== me) {
			show(members.filter((member) => member !== message.sender));
		}
		else if (message.type === 'PRESENCE') {
			// many at once: the list is rebuilt once, not once per nickname
			const leaving = new Set((message.left || []).filter((nickname) => nickname !== me));
			const staying = members.filter((member) => !leaving.has(member));
			const present = new Set(staying);
			show(staying.concat((message.joined || []).filter((nickname) => !present.has(nickname))));
		}
	}

	function clear() {
		show([]);
	}

	function show(nicknames) {
		members = nicknames;
		const me = connection.me();
		elements.list.replaceChildren(...nicknames.map((nickname) => {
			const item = element('li', 'member');
			item.append(element('span', 'member-name', nickname));
			if (nickname === me && connection.connected()) {
				item.classList.add('me');
				item.append(' ', element('span', 'member-you', texts.text('you')));
			}
			return item;
		}));
		elements.count.textContent = texts.withCount('online', nicknames.length);
		onCountChange(nicknames.length);
	}

	return Object.freeze({
		answer,
		follow,
		clear,
		count: () => members.length,
	});
}
