/*
 * The chat page's entry module: it reads what the template hands over and wires the
 * page's modules together.
 *
 * Everything page-specific comes from the data-* attributes of <main id="chat">, so the
 * page needs no inline script: the room, the endpoint URLs and the transport, the
 * protocol (the room's destinations, the room-name pattern, the SockJS transports, all
 * from the server's own constants) and the localized texts. User text only ever
 * reaches the page through textContent.
 *
 * On every (re)connection the page subscribes to the room's topic first and then asks for
 * the members and for the history (after a reconnection: only what it missed, with the
 * header since), so that nothing broadcast in between can be missing.
 *
 * Modules: connection.js (STOMP, transport, status), messages.js (the message list),
 * outbox.js (my sends and their receipts), members.js (the Online list), rooms.js (the
 * room switcher), i18n.js (the texts), dom.js (helpers without state).
 */

import { createConnection } from './connection.js';
import { BROKER_UNAVAILABLE } from './errors.js';
import { parseJson } from './dom.js';
import { readTexts } from './i18n.js';
import { createMembers } from './members.js';
import { createMessageList } from './messages.js';
import { createOutbox } from './outbox.js';
import { createRooms } from './rooms.js';

start(document.getElementById('chat'));

function start(chat) {
	if (!chat) {
		return;
	}
	if (typeof StompJs === 'undefined' || typeof SockJS === 'undefined') {
		console.error('stomp-chat: the STOMP or SockJS library did not load');
		return;
	}
	const settings = chat.dataset;
	const room = settings.room;
	const destinations = Object.freeze({
		topic: settings.topic,
		send: settings.sendDestination,
		members: settings.membersDestination,
		history: settings.historyDestination,
		rooms: settings.roomsDestination,
		errors: settings.errorsDestination,
	});
	const texts = readTexts(settings);
	const byId = (id) => document.getElementById(id);

	const rooms = createRooms(room, { pattern: settings.roomNamePattern, roomsUrl: settings.roomsUrl }, {
		list: byId('rooms'),
		refresh: byId('rooms-refresh'),
		form: byId('open-room'),
		input: byId('new-room'),
		hint: byId('new-room-hint'),
	}, texts, requestRooms, () => members.count());

	const connection = createConnection({
		transport: settings.transport,
		sockJsTransports: (settings.sockjsTransports || '').split(' ').filter(Boolean),
		sockjsUrl: settings.sockjsUrl,
		websocketUrl: settings.websocketUrl,
	}, {
		form: byId('connection'),
		nickname: byId('nickname'),
		connect: byId('connect'),
		disconnect: byId('disconnect'),
		status: byId('status'),
		composer: byId('message'),
	}, texts, {
		onConnected: onConnected,
		onClosed: onClosed,
		onStateChange: (state) => rooms.connectionState(state),
		onServerError: (text) => messageList.showError(text),
	});

	const messageList = createMessageList(byId('messages'), texts, document.documentElement.lang || undefined,
		connection.me);
	const members = createMembers({ list: byId('members'), count: byId('members-count') }, texts, connection,
		(count) => rooms.ownRoomCount(count));
	const outbox = createOutbox({ form: byId('composer'), input: byId('message') }, destinations.send, connection,
		messageList, texts);

	function onConnected() {
		// the topic first: whatever is broadcast from now on arrives there, the rest in the answers
		connection.subscribe(destinations.topic, onRoomFrame);
		connection.subscribe(destinations.errors, onErrorFrame);
		connection.askOnce(destinations.members, {}, members.answer);
		const resumeAfter = messageList.newestId();
		connection.askOnce(destinations.history, (resumeAfter === null) ? {} : { since: resumeAfter },
			(answer) => onHistory(answer, resumeAfter !== null));
		requestRooms();
	}

	function onClosed() {
		// a RECEIPT can no longer come
		outbox.connectionLost();
		members.clear();
	}

	function requestRooms() {
		if (connection.connected()) {
			connection.askOnce(destinations.rooms, {}, rooms.answer);
		}
	}

	function onRoomFrame(frame) {
		const message = parseJson(frame.body);
		if (message) {
			members.follow(message);
			showRoomMessage(message);
		}
	}

	function onHistory(answer, resumed) {
		const messages = Array.isArray(answer.messages) ? answer.messages : [];
		messages.forEach(showRoomMessage);
		if (resumed && answer.complete === false) {
			messageList.showGap(messages.length ? messages[0].id : null);
		}
	}

	// A room message, live or from history, shown once; my own JOIN and LEAVE are not news,
	// and my own messages are the outbox's to place.
	function showRoomMessage(message) {
		messageList.noteSeen(message.id);
		if (!messageList.shows(message)) {
			return;
		}
		const me = connection.me();
		if ((message.type === 'JOIN' || message.type === 'LEAVE') && message.sender === me) {
			return;
		}
		if (messageList.has(message.id)) {
			messageList.complete(message);
			return;
		}
		if (message.type === 'CHAT' && message.sender === me && outbox.claim(message)) {
			return;
		}
		messageList.show(message);
	}

	function onErrorFrame(frame) {
		const error = parseJson(frame.body) || {};
		if (error.receipt) {
			outbox.refused(error.receipt);
		}
		const text = (error.code === BROKER_UNAVAILABLE) ? texts.text('brokerUnavailable') : error.message;
		messageList.showError(text || texts.text('serverError'), error.code);
	}
}
