/*
 * The chat page: one STOMP connection (SockJS unless ?transport= says otherwise), the
 * messages of one room and the errors the server reports to this user.
 *
 * Everything page-specific (room, endpoint URLs, transport, localized texts) comes from
 * the data-* attributes of <main id="chat">, so the page needs no inline script.
 * User text only ever reaches the page through textContent.
 */
(function () {
	'use strict';

	const NICKNAME_KEY = 'stomp-chat.nickname';
	const FIRST_RECONNECT_DELAY_MS = 500;
	const MAX_RECONNECT_DELAY_MS = 15000;
	const CONNECTION_TIMEOUT_MS = 10000;

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

	// Renderers of room messages by type; a message of any other type is not shown.
	// A JOIN or LEAVE renderer would return systemEntry(...) (li.system).
	const renderers = new Map([
		['CHAT', renderChat],
	]);

	// the canonical nickname the server answered in CONNECTED (header user-name)
	let me = null;
	// the user asked to be connected and has not pressed Close connection since
	let wantConnection = false;
	// CONNECTED arrived on the current socket; an ERROR before it is a refused CONNECT
	let sessionOpen = false;
	// the user pressed Connect: once connected, typing a message is what comes next
	let focusComposerOnConnect = false;

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

	nicknameInput.value = rememberedNickname();
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
		const options = (transport === 'xhr-streaming' || transport === 'xhr-polling')
			? { transports: [transport] } : {};
		stompClient.webSocketFactory = () => new SockJS(url, null, options);
	}

	function connect() {
		if (wantConnection) {
			return;
		}
		const nickname = nicknameInput.value.trim();
		nicknameInput.value = nickname;
		rememberNickname(nickname);
		client.connectHeaders = { nickname: nickname };
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
		showConnected();
		client.subscribe('/topic/rooms.' + room, onRoomMessage);
		client.subscribe('/user/queue/errors', onUserError);
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
		client.publish({
			destination: '/app/rooms.' + room + '.send',
			headers: { 'content-type': 'application/json' },
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
		const render = renderers.get(message.type);
		if (!render || isShown(message.id)) {
			return;
		}
		const entry = render(message);
		if (message.id != null) {
			entry.dataset.id = message.id;
		}
		entry.dataset.type = message.type;
		show(entry);
	}

	function onUserError(frame) {
		const error = parseJson(frame.body) || {};
		show(errorEntry(error.message || settings.i18nServerError, error.code));
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

	// for the JOIN and LEAVE renderers to come
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
		return id != null
			&& messageList.querySelector('li[data-id="' + CSS.escape(String(id)) + '"]') !== null;
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
		status.textContent = text;
		connectButton.disabled = active;
		disconnectButton.disabled = !active;
		// the nickname is sent with CONNECT; changing it only matters for the next connection
		nicknameInput.readOnly = active;
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

	function rememberedNickname() {
		try {
			return window.localStorage.getItem(NICKNAME_KEY) || '';
		}
		catch (ex) {
			// storage disabled (private mode, policy): there is nothing to prefill
			return '';
		}
	}

	function rememberNickname(nickname) {
		try {
			window.localStorage.setItem(NICKNAME_KEY, nickname);
		}
		catch (ex) {
			// storage disabled: the nickname is simply not remembered
		}
	}
})();
