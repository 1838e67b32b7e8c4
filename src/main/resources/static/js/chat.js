/*
 * The chat page: one STOMP connection (SockJS unless ?transport= says otherwise), the
 * messages of one room and the errors the server reports to this user.
 *
 * On every (re)connection the page subscribes to the room's topic first and then asks for
 * the members and for the history (after a reconnection: only what it missed, with the
 * header since), so that nothing broadcast in between can be missing; entries carry the
 * message id (data-id), which drops the second copy of a message and keeps the list in
 * the room's order. Every SEND carries a receipt: the entry is pending until the RECEIPT.
 *
 * Everything page-specific (room, endpoint URLs, transport, localized texts) comes from
 * the data-* attributes of <main id="chat">, so the page needs no inline script.
 * User text only ever reaches the page through textContent.
 */
(function () {
	'use strict';

	const NICKNAME_KEY = 'stomp-chat.nickname';
	// the token the server handed out with the nickname: it lets this browser's other tabs
	// and its reconnections use the nickname while an older connection still holds it
	const TOKEN_KEY = 'stomp-chat.nickname-token';
	const TOKEN_HEADER = 'nickname-token';
	const FIRST_RECONNECT_DELAY_MS = 500;
	const MAX_RECONNECT_DELAY_MS = 15000;
	const CONNECTION_TIMEOUT_MS = 10000;
	const ROOM_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
	// the SockJS transports ?transport= may restrict the page to (page/Transport.java)
	const SOCKJS_TRANSPORTS = ['xhr-streaming', 'xhr-polling', 'iframe-eventsource', 'iframe-htmlfile',
		'iframe-xhr-polling'];

	const chat = document.getElementById('chat');
	if (!chat) {
		return;
	}
	if (typeof StompJs === 'undefined' || typeof SockJS === 'undefined') {
		console.error('stomp-chat: the STOMP or SockJS library did not load');
		return;
	}

	const settings = chat.dataset;
	const room = settings.room;
	const language = document.documentElement.lang || undefined;

	const nicknameInput = document.getElementById('nickname');
	const connectButton = document.getElementById('connect');
	const disconnectButton = document.getElementById('disconnect');
	const status = document.getElementById('status');
	const messageInput = document.getElementById('message');
	const messageList = document.getElementById('messages');
	const memberList = document.getElementById('members');
	const memberCount = document.getElementById('members-count');
	const roomList = document.getElementById('rooms');
	const roomsRefreshButton = document.getElementById('rooms-refresh');
	const newRoomInput = document.getElementById('new-room');
	const newRoomHint = document.getElementById('new-room-hint');

	// Renderers of room messages by type; a message of any other type is not shown.
	const renderers = new Map([
		['CHAT', renderChat],
		['JOIN', (message) => systemEntry(withNickname(settings.i18nJoined, message.sender))],
		['LEAVE', (message) => systemEntry(withNickname(settings.i18nLeft, message.sender))],
	]);

	// the canonical nickname the server answered in CONNECTED (header user-name)
	let me = null;
	// the user asked to be connected and has not pressed Close connection since
	let wantConnection = false;
	// CONNECTED arrived on the current socket; an ERROR before it is a refused CONNECT
	let sessionOpen = false;
	// the user pressed Connect: once connected, typing a message is what comes next
	let focusComposerOnConnect = false;
	// the id of the last room message seen (any type): where history resumes after a reconnection
	let lastSeenId = null;
	// the nicknames in the room, in the order they came
	let members = [];
	// my messages sent and not yet confirmed by a RECEIPT, oldest first: { receipt, text, entry }
	let pendingSends = [];
	// my messages whose connection dropped before their RECEIPT: { text, entry }
	let unsentEntries = [];
	let sendCounter = 0;

	const client = new StompJs.Client({
		reconnectDelay: FIRST_RECONNECT_DELAY_MS,
		reconnectTimeMode: StompJs.ReconnectionTimeMode.EXPONENTIAL,
		maxReconnectDelay: MAX_RECONNECT_DELAY_MS,
		connectionTimeout: CONNECTION_TIMEOUT_MS,
		onConnect: onConnected,
		onStompError: onStompError,
		onWebSocketClose: onSocketClosed,
	});
	useTransport(client, settings.transport);

	nicknameInput.value = remembered(NICKNAME_KEY);
	showDisconnected();

	// Keep the newest entry in view when the list shrinks (a phone keyboard opening, say),
	// unless the user has scrolled up to read older ones.
	let atNewest = true;
	messageList.addEventListener('scroll', () => {
		atNewest = messageList.scrollHeight - messageList.clientHeight - messageList.scrollTop < 4;
	}, { passive: true });
	if (typeof ResizeObserver !== 'undefined') {
		new ResizeObserver(() => {
			if (atNewest) {
				scrollToNewest();
			}
		}).observe(messageList);
	}

	document.getElementById('connection').addEventListener('submit', (event) => {
		event.preventDefault();
		connect();
	});
	disconnectButton.addEventListener('click', disconnect);
	roomsRefreshButton.addEventListener('click', requestRooms);
	document.getElementById('open-room').addEventListener('submit', (event) => {
		event.preventDefault();
		openRoom();
	});
	newRoomInput.addEventListener('input', () => {
		if (ROOM_NAME.test(newRoomInput.value.trim()) || newRoomInput.value.trim() === '') {
			showRoomHint(false);
		}
	});
	document.getElementById('composer').addEventListener('submit', (event) => {
		event.preventDefault();
		send();
	});
	// Handled here rather than by implicit form submission so that Enter works the same
	// however the key event was produced.
	messageInput.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.isComposing) {
			event.preventDefault();
			send();
		}
	});

	function useTransport(stompClient, transport) {
		if (transport === 'websocket') {
			const url = new URL(settings.websocketUrl, window.location.href);
			url.protocol = (window.location.protocol === 'https:') ? 'wss:' : 'ws:';
			stompClient.brokerURL = url.href;
			return;
		}
		const url = new URL(settings.sockjsUrl, window.location.href).href;
		const options = SOCKJS_TRANSPORTS.includes(transport) ? { transports: [transport] } : {};
		stompClient.webSocketFactory = () => new SockJS(url, null, options);
	}

	function connect() {
		if (wantConnection) {
			return;
		}
		const nickname = nicknameInput.value.trim();
		nicknameInput.value = nickname;
		remember(NICKNAME_KEY, nickname);
		client.connectHeaders = { nickname: nickname };
		const token = remembered(TOKEN_KEY);
		if (token) {
			client.connectHeaders[TOKEN_HEADER] = token;
		}
		wantConnection = true;
		focusComposerOnConnect = true;
		showConnecting();
		client.activate();
	}

	function disconnect() {
		wantConnection = false;
		focusComposerOnConnect = false;
		showDisconnected();
		client.deactivate();
		// the pressed button is disabled now; keep focus on the page, where it is useful
		connectButton.focus();
	}

	function onConnected(frame) {
		sessionOpen = true;
		me = frame.headers['user-name'] || client.connectHeaders.nickname;
		const token = frame.headers[TOKEN_HEADER];
		if (token) {
			// reconnections reuse these headers
			client.connectHeaders[TOKEN_HEADER] = token;
			remember(TOKEN_KEY, token);
		}
		showConnected();
		// the topic first: whatever is broadcast from now on arrives there, the rest in the answers
		client.subscribe('/topic/rooms.' + room, onRoomMessage);
		client.subscribe('/user/queue/errors', onUserError);
		askOnce('/app/rooms.' + room + '.members', {}, onMembers);
		const resumeAfter = lastSeenId;
		askOnce('/app/rooms.' + room + '.history', (resumeAfter === null) ? {} : { since: resumeAfter },
			(answer) => onHistory(answer, resumeAfter !== null));
		requestRooms();
		// not after an automatic reconnection: focus must not jump while the user is elsewhere
		if (focusComposerOnConnect) {
			focusComposerOnConnect = false;
			messageInput.focus();
		}
	}

	function onStompError(frame) {
		let message = frame.headers.message;
		if (message && !sessionOpen) {
			// stompjs only decodes header escapes once CONNECTED has agreed on STOMP 1.2
			message = unescapeHeader(message);
		}
		show(errorEntry(message || settings.i18nServerError));
		if (!sessionOpen) {
			// the server refused CONNECT (an invalid nickname, say): retrying cannot help
			wantConnection = false;
			focusComposerOnConnect = false;
			showDisconnected();
			client.deactivate();
		}
	}

	function onSocketClosed() {
		sessionOpen = false;
		// a RECEIPT can no longer come: what the room has not shown yet is not sent
		const unconfirmed = pendingSends;
		pendingSends = [];
		unconfirmed.forEach((pending) => {
			if (pending.entry.dataset.id) {
				markDelivered(pending.entry);
			}
			else {
				markNotSent(pending);
			}
		});
		showMembers([]);
		// the client reconnects by itself unless the user closed the connection
		if (wantConnection) {
			showConnecting();
		}
		else {
			showDisconnected();
		}
	}

	function send() {
		const text = messageInput.value;
		// an empty box is no message; whitespace-only text is for the server to judge
		if (text === '') {
			return;
		}
		if (!client.connected) {
			show(errorEntry(settings.i18nNotConnected, 'NOT_CONNECTED'));
			return;
		}
		const receipt = 'send-' + (++sendCounter) + '-' + Math.random().toString(36).slice(2, 10);
		const pending = { receipt: receipt, text: text, entry: pendingEntry(text, receipt) };
		pendingSends.push(pending);
		show(pending.entry);
		client.watchForReceipt(receipt, () => onReceipt(receipt));
		client.publish({
			destination: '/app/rooms.' + room + '.send',
			headers: { 'content-type': 'application/json', receipt: receipt },
			body: JSON.stringify({ text: text }),
		});
		messageInput.value = '';
		messageInput.focus();
	}

	function onRoomMessage(frame) {
		const message = parseJson(frame.body);
		if (!message) {
			return;
		}
		if (message.type === 'JOIN') {
			addMember(message.sender);
		}
		else if (message.type === 'LEAVE' && message.sender !== me) {
			removeMember(message.sender);
		}
		else if (message.type === 'PRESENCE') {
			// a large room announces arrivals and departures together, without list entries
			changeMembers(message.joined || [], (message.left || []).filter((nickname) => nickname !== me));
		}
		showMessage(message);
	}

	// Shows a room message where its id puts it, once; my own JOIN and LEAVE are not news.
	function showMessage(message) {
		if (message.id != null && (lastSeenId === null || compareIds(message.id, lastSeenId) > 0)) {
			lastSeenId = String(message.id);
		}
		const render = renderers.get(message.type);
		if (!render || isShown(message.id)) {
			return;
		}
		if ((message.type === 'JOIN' || message.type === 'LEAVE') && message.sender === me) {
			return;
		}
		if (message.type === 'CHAT' && message.sender === me && adoptOwnMessage(message)) {
			return;
		}
		const entry = render(message);
		if (message.id != null) {
			entry.dataset.id = message.id;
		}
		entry.dataset.type = message.type;
		showInOrder(entry);
	}

	function onUserError(frame) {
		const error = parseJson(frame.body) || {};
		const pending = error.receipt ? takePending((candidate) => candidate.receipt === error.receipt) : null;
		if (pending) {
			// refused: the entry was never a message of the room; give the text back
			pending.entry.remove();
			if (messageInput.value === '') {
				messageInput.value = pending.text;
			}
		}
		show(errorEntry(error.message || settings.i18nServerError, error.code));
	}

	// Subscribes to an /app destination that answers once, and lets go after the answer.
	function askOnce(destination, headers, onAnswer) {
		const subscription = client.subscribe(destination, (frame) => {
			subscription.unsubscribe();
			const answer = parseJson(frame.body);
			if (answer) {
				onAnswer(answer);
			}
		}, headers);
	}

	function onHistory(answer, resumed) {
		const messages = Array.isArray(answer.messages) ? answer.messages : [];
		messages.forEach(showMessage);
		if (resumed && answer.complete === false) {
			const notice = systemEntry(settings.i18nGap);
			notice.classList.add('gap');
			const first = messages.length ? entryWithId(messages[0].id) : null;
			if (first) {
				messageList.insertBefore(notice, first);
			}
			else {
				show(notice);
			}
		}
	}

	// The room's copy of a message I sent: it takes the place of my pending or unsent entry.
	function adoptOwnMessage(message) {
		const text = message.text;
		// pending or already confirmed, oldest first: the RECEIPT normally follows the broadcast
		let entry = Array.prototype.find.call(messageList.querySelectorAll('li.entry.sent:not([data-id])'),
			(candidate) => {
				const candidateText = candidate.querySelector('.entry-text');
				return candidateText !== null && candidateText.textContent.trim() === text;
			}) || null;
		if (!entry) {
			const unsent = unsentEntries.find((candidate) => candidate.text.trim() === text);
			if (!unsent) {
				return false;
			}
			unsentEntries = unsentEntries.filter((candidate) => candidate !== unsent);
			entry = unsent.entry;
			markDelivered(entry);
		}
		entry.dataset.id = message.id;
		entry.dataset.type = message.type;
		const time = timeElement(message.sentAt);
		const meta = entry.querySelector('.entry-meta');
		if (time && meta && !meta.querySelector('.entry-time')) {
			meta.append(time);
		}
		entry.remove();
		showInOrder(entry);
		return true;
	}

	function onReceipt(receipt) {
		const pending = takePending((candidate) => candidate.receipt === receipt);
		if (pending) {
			markDelivered(pending.entry);
		}
	}

	function takePending(matches) {
		const pending = pendingSends.find(matches);
		if (pending) {
			pendingSends = pendingSends.filter((candidate) => candidate !== pending);
		}
		return pending || null;
	}

	function markDelivered(entry) {
		entry.classList.remove('pending', 'not-sent');
		entry.classList.add('sent', 'delivered');
		entry.removeAttribute('aria-busy');
		setLabel(entry, settings.i18nSent);
		const retry = entry.querySelector('.entry-retry');
		if (retry) {
			retry.remove();
		}
	}

	function markNotSent(pending) {
		const entry = pending.entry;
		entry.classList.remove('pending', 'sent');
		entry.classList.add('not-sent');
		entry.removeAttribute('aria-busy');
		setLabel(entry, settings.i18nNotSent);
		const retry = element('button', 'button button-small entry-retry', settings.i18nRetry);
		retry.type = 'button';
		const unsent = { text: pending.text, entry: entry };
		retry.addEventListener('click', () => {
			unsentEntries = unsentEntries.filter((candidate) => candidate !== unsent);
			entry.remove();
			messageInput.value = unsent.text;
			messageInput.focus();
		});
		entry.append(retry);
		unsentEntries.push(unsent);
	}

	function setLabel(entry, text) {
		const label = entry.querySelector('.entry-label');
		if (label) {
			label.textContent = text;
		}
	}

	// Members

	function onMembers(answer) {
		const nicknames = (Array.isArray(answer.members) ? answer.members : []).map((member) => member.nickname);
		if (me !== null && !nicknames.includes(me)) {
			nicknames.push(me);
		}
		showMembers(nicknames);
	}

	function addMember(nickname) {
		if (nickname != null && !members.includes(nickname)) {
			showMembers(members.concat([nickname]));
		}
	}

	function removeMember(nickname) {
		showMembers(members.filter((member) => member !== nickname));
	}

	// many at once: the list is rebuilt once, not once per nickname
	function changeMembers(joined, left) {
		const leaving = new Set(left);
		const staying = members.filter((member) => !leaving.has(member));
		const present = new Set(staying);
		showMembers(staying.concat(joined.filter((nickname) => !present.has(nickname))));
	}

	function showMembers(nicknames) {
		members = nicknames;
		memberList.replaceChildren(...nicknames.map((nickname) => {
			const item = element('li', 'member');
			item.append(element('span', 'member-name', nickname));
			if (nickname === me && client.connected) {
				item.classList.add('me');
				item.append(' ', element('span', 'member-you', settings.i18nYou));
			}
			return item;
		}));
		memberCount.textContent = settings.i18nOnline.replace('{count}', () => String(nicknames.length));
		// this room's line in the rooms list follows JOIN and LEAVE; the others, Refresh
		const ownRoom = roomList.querySelector('li[data-room="' + CSS.escape(room) + '"] .room-members');
		if (ownRoom && nicknames.length > 0) {
			ownRoom.textContent = roomMembersText(nicknames.length);
		}
	}

	function roomMembersText(count) {
		return settings.i18nRoomMembers.replace('{count}', () => String(count));
	}

	// Rooms

	function requestRooms() {
		if (client.connected) {
			askOnce('/app/rooms', {}, onRooms);
		}
	}

	function onRooms(answer) {
		const answered = Array.isArray(answer.rooms) ? answer.rooms : [];
		// The answer can be made before the server has counted this page's own subscription;
		// the room this page is in is active all the same.
		const rooms = answered.some((active) => active.room === room)
			? answered : [{ room: room, members: Math.max(members.length, 1) }, ...answered];
		roomList.replaceChildren(...rooms.filter((active) => ROOM_NAME.test(String(active.room))).map((active) => {
			const item = element('li', 'room');
			item.dataset.room = active.room;
			const link = element('a', 'room-link', '#' + active.room);
			link.href = roomHref(active.room);
			if (active.room === room) {
				link.setAttribute('aria-current', 'page');
			}
			const count = element('span', 'room-members',
				roomMembersText((active.room === room && members.length > 0) ? members.length : active.members));
			item.append(link, ' ', count);
			return item;
		}));
	}

	function openRoom() {
		const name = newRoomInput.value.trim();
		if (!ROOM_NAME.test(name)) {
			showRoomHint(true);
			newRoomInput.focus();
			return;
		}
		showRoomHint(false);
		window.location.assign(roomHref(name));
	}

	function showRoomHint(invalid) {
		newRoomHint.hidden = !invalid;
		if (invalid) {
			newRoomInput.setAttribute('aria-invalid', 'true');
		}
		else {
			newRoomInput.removeAttribute('aria-invalid');
		}
	}

	// the page of a room, keeping this page's ?lang and ?transport
	function roomHref(name) {
		const url = new URL(settings.roomsUrl + encodeURIComponent(name), window.location.href);
		const current = new URLSearchParams(window.location.search);
		['lang', 'transport'].forEach((parameter) => {
			if (current.has(parameter)) {
				url.searchParams.set(parameter, current.get(parameter));
			}
		});
		return url.pathname + url.search;
	}

	function renderChat(message) {
		const mine = (me !== null && message.sender === me);
		const entry = element('li', mine ? 'entry sent' : 'entry received');
		const meta = element('div', 'entry-meta');
		meta.append(element('span', 'entry-label', mine ? settings.i18nSent : settings.i18nReceived));
		meta.append(element('span', 'entry-sender', message.sender));
		const time = timeElement(message.sentAt);
		if (time) {
			meta.append(time);
		}
		entry.append(meta, element('p', 'entry-text', message.text));
		return entry;
	}

	function pendingEntry(text, receipt) {
		const entry = element('li', 'entry sent pending');
		entry.dataset.receipt = receipt;
		entry.setAttribute('aria-busy', 'true');
		const meta = element('div', 'entry-meta');
		meta.append(element('span', 'entry-label', settings.i18nSending));
		meta.append(element('span', 'entry-sender', me));
		entry.append(meta, element('p', 'entry-text', text));
		return entry;
	}

	function systemEntry(text) {
		return element('li', 'entry system', text);
	}

	function errorEntry(text, code) {
		const entry = element('li', 'entry error', text);
		if (code) {
			entry.dataset.code = code;
		}
		return entry;
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

	function isShown(id) {
		return entryWithId(id) !== null;
	}

	function entryWithId(id) {
		return (id == null) ? null : messageList.querySelector('li[data-id="' + CSS.escape(String(id)) + '"]');
	}

	// Ids are decimal strings of rising numbers, too long for a Number in general.
	function compareIds(a, b) {
		const left = String(a);
		const right = String(b);
		if (left.length !== right.length) {
			return left.length - right.length;
		}
		return (left < right) ? -1 : ((left > right) ? 1 : 0);
	}

	// Before the first entry with a greater id (a message from history arriving after live
	// ones), else at the end.
	function showInOrder(entry) {
		const id = entry.dataset.id;
		if (id != null) {
			const later = Array.prototype.find.call(messageList.querySelectorAll('li[data-id]'),
				(other) => compareIds(other.dataset.id, id) > 0);
			if (later) {
				messageList.insertBefore(entry, later);
				return;
			}
		}
		show(entry);
	}

	function show(entry) {
		messageList.append(entry);
		scrollToNewest();
	}

	function scrollToNewest() {
		messageList.scrollTop = messageList.scrollHeight;
	}

	function showConnecting() {
		showState('connecting', settings.i18nConnecting, true);
	}

	function showConnected() {
		// a function replacement, so that a '$' in a nickname is not a replacement pattern
		showState('connected', settings.i18nConnected.replace('{nickname}', () => me), true);
	}

	function showDisconnected() {
		showState('disconnected', settings.i18nDisconnected, false);
	}

	function showState(state, text, active) {
		status.dataset.state = state;
		roomsRefreshButton.disabled = (state !== 'connected');
		status.textContent = text;
		connectButton.disabled = active;
		disconnectButton.disabled = !active;
		// the nickname is sent with CONNECT; changing it only matters for the next connection
		nicknameInput.readOnly = active;
	}

	// a function replacement, so that a '$' in a nickname is not a replacement pattern
	function withNickname(template, nickname) {
		return template.replace('{nickname}', () => nickname);
	}

	function element(tagName, className, text) {
		const node = document.createElement(tagName);
		node.className = className;
		if (text !== undefined) {
			node.textContent = (text == null) ? '' : String(text);
		}
		return node;
	}

	function parseJson(body) {
		try {
			return JSON.parse(body);
		}
		catch (ex) {
			console.warn('stomp-chat: ignoring a frame whose body is not JSON', body);
			return null;
		}
	}

	// STOMP 1.2 header escapes: \\r \\n \\c (colon) and \\\\
	function unescapeHeader(value) {
		const escapes = { r: '\r', n: '\n', c: ':', '\\': '\\' };
		return value.replace(/\\([rnc\\])/g, (escape, letter) => escapes[letter]);
	}

	function remembered(key) {
		try {
			return window.localStorage.getItem(key) || '';
		}
		catch (ex) {
			// storage disabled (private mode, policy): nothing was remembered
			return '';
		}
	}

	function remember(key, value) {
		try {
			window.localStorage.setItem(key, value);
		}
		catch (ex) {
			// storage disabled: the value is simply not remembered
		}
	}
})();
