/*
 * The message list: the room's messages in the room's order, each once, and the page's
 * own entries (errors, notices, my sends before the room has them) where they were shown.
 *
 * The list keeps its entries by message id in a Map, and the ids in the room's order in
 * an array, so that it never reads the DOM to find, deduplicate or place a message:
 * finding one and appending the next are O(1), and a message that arrives out of order
 * (a history answer after live messages) is placed with a binary search, just before
 * the few entries that came first. Ids are decimal strings of rising numbers, too long
 * for a Number in general.
 */

import { element } from './dom.js';

/**
 * @param list the #messages element
 * @param me a function answering the nickname this page chats under, or null
 */
export function createMessageList(list, texts, language, me) {
	// message id → its entry
	const entries = new Map();
	// the ids of the entries, in the room's order
	const ids = [];
	// the greatest id of any room message seen (of any type): where history resumes
	let newestId = null;

	// Renderers of room messages by type; a message of any other type is not shown.
	const renderers = new Map([
		['CHAT', renderChat],
		['JOIN', (message) => systemEntry(texts.withNickname('joined', message.sender))],
		['LEAVE', (message) => systemEntry(texts.withNickname('left', message.sender))],
	]);

	// Keep the newest entry in view when the list shrinks (a phone keyboard opening, say),
	// unless the user has scrolled up to read older ones.
	let atNewest = true;
	list.addEventListener('scroll', () => {
		atNewest = list.scrollHeight - list.clientHeight - list.scrollTop < 4;
	}, { passive: true });
	if (typeof ResizeObserver !== 'undefined') {
		new ResizeObserver(() => {
			if (atNewest) {
				scrollToNewest();
			}
		}).observe(list);
	}

	/** Remembers the id of a room message, shown or not. */
	function noteSeen(id) {
		if (id != null && (newestId === null || compareIds(id, newestId) > 0)) {
			newestId = String(id);
		}
	}

	/** Whether a room message of this type gets an entry at all. */
	function shows(message) {
		return renderers.has(message.type);
	}

	function has(id) {
		return id != null && entries.has(String(id));
	}

	/** Shows a room message where its id puts it, unless it is shown already. */
	function show(message) {
		const render = renderers.get(message.type);
		if (!render || has(message.id)) {
			return;
		}
		const entry = render(message);
		entry.dataset.type = message.type;
		place(entry, message.id);
	}

	/**
	 * An entry shown before the room had its message (one of my sends) becomes the room's
	 * message with that id, moved to where the id puts it; with the message itself, if it
	 * has arrived, it takes the message's time and text.
	 */
	function adopt(entry, id, message) {
		entry.dataset.type = 'CHAT';
		if (message) {
			fillIn(entry, message);
		}
		entry.remove();
		place(entry, id);
	}

	/** The room's copy of a message adopted before it arrived: its time and text complete the entry. */
	function complete(message) {
		const entry = has(message.id) ? entries.get(String(message.id)) : null;
		if (entry && entry.dataset.type === 'CHAT' && !entry.querySelector('.entry-time')) {
			fillIn(entry, message);
		}
	}

	function fillIn(entry, message) {
		const time = timeElement(message.sentAt);
		const meta = entry.querySelector('.entry-meta');
		if (time && meta && !meta.querySelector('.entry-time')) {
			meta.append(time);
		}
		const text = entry.querySelector('.entry-text');
		if (text && typeof message.text === 'string') {
			text.textContent = message.text;
		}
	}

	function place(entry, id) {
		if (id == null) {
			append(entry);
			return;
		}
		const key = String(id);
		entry.dataset.id = key;
		entries.set(key, entry);
		if (ids.length === 0 || compareIds(key, ids[ids.length - 1]) > 0) {
			ids.push(key);
			append(entry);
			return;
		}
		const index = firstIndexAfter(key);
		list.insertBefore(entry, entries.get(ids[index]));
		ids.splice(index, 0, key);
	}

	// the index of the first id greater than this one; there is one
	function firstIndexAfter(id) {
		let low = 0;
		let high = ids.length - 1;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (compareIds(ids[middle], id) > 0) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	/** Shows an entry at the end of the list: an error, a notice, one of my sends. */
	function append(entry) {
		list.append(entry);
		scrollToNewest();
	}

	function showError(text, code) {
		const entry = element('li', 'entry error', text);
		if (code) {
			entry.dataset.code = code;
		}
		append(entry);
	}

	/** "Some messages could not be recovered.", just before the first message recovered. */
	function showGap(firstRecoveredId) {
		const notice = systemEntry(texts.text('gap'));
		notice.classList.add('gap');
		if (has(firstRecoveredId)) {
			list.insertBefore(notice, entries.get(String(firstRecoveredId)));
		}
		else {
			append(notice);
		}
	}

	function scrollToNewest() {
		list.scrollTop = list.scrollHeight;
	}

	function renderChat(message) {
		const mine = (me() !== null && message.sender === me());
		const entry = element('li', mine ? 'entry sent' : 'entry received');
		const meta = element('div', 'entry-meta');
		meta.append(element('span', 'entry-label', texts.text(mine ? 'sent' : 'received')));
		meta.append(element('span', 'entry-sender', message.sender));
		const time = timeElement(message.sentAt);
		if (time) {
			meta.append(time);
		}
		entry.append(meta, element('p', 'entry-text', message.text));
		return entry;
	}

	function systemEntry(text) {
		return element('li', 'entry system', text);
	}

	function timeElement(sentAt) {
		const date = new Date(sentAt);
		if (!sentAt || Number.isNaN(date.getTime())) {
			return null;
		}
		const time = element('time', 'entry-time', date.toLocaleTimeString(language));
		time.dateTime = sentAt;
		time.title = date.toLocaleString(language);
		return time;
	}

	return Object.freeze({
		noteSeen,
		newestId: () => newestId,
		shows,
		has,
		show,
		adopt,
		complete,
		append,
		showError,
		showGap,
	});
}

function compareIds(a, b) {
	const left = String(a);
	const right = String(b);
	if (left.length !== right.length) {
		return left.length - right.length;
	}
	return (left < right) ? -1 : ((left > right) ? 1 : 0);
}
