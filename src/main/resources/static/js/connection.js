/*
 * The page's one STOMP connection: the transport (SockJS unless ?transport= says
 * otherwise), the nickname and its token, Connect and Close connection, the status line,
 * and automatic reconnection with exponential back-off and jitter (reconnect.js).
 *
 * What happens on a connection is for the other modules: the entry module hands in
 * onConnected (subscribe and ask), onClosed (what a closed socket means for them),
 * onStateChange and onServerError.
 */

import { parseJson } from './dom.js';
import { BROKER_UNAVAILABLE } from './errors.js';
import { reconnectDelay } from './reconnect.js';

const NICKNAME_KEY = 'stomp-chat.nickname';
// the token the server handed out with the nickname: it lets this browser's other tabs
// and its reconnections use the nickname while an older connection still holds it
const TOKEN_KEY = 'stomp-chat.nickname-token';
const TOKEN_HEADER = 'nickname-token';
const CONNECTION_TIMEOUT_MS = 10000;
const WEBSOCKET_TRANSPORT = 'websocket';

/**
 * @param endpoint { transport, sockJsTransports, sockjsUrl, websocketUrl }: the
 * ?transport= value the server resolved and the SockJS transports it may restrict to
 * @param controls { form, nickname, connect, disconnect, status, composer }: elements
 * @param handlers { onConnected, onClosed, onStateChange(state), onServerError(text) }
 */
export function createConnection(endpoint, controls, texts, handlers) {
	// the canonical nickname the server answered in CONNECTED (header user-name)
	let me = null;
	// the user asked to be connected and has not pressed Close connection since
	let wantConnection = false;
	// CONNECTED arrived on the current socket; an ERROR before it is a refused CONNECT
	let sessionOpen = false;
	// the user pressed Connect: once connected, typing a message is what comes next
	let focusComposerOnConnect = false;
	// attempts to reconnect since the connection was last up, and the next one's timer
	let reconnectAttempts = 0;
	let reconnectTimer = null;

	// stomp.js's own reconnection is off (reconnectDelay 0): its exponential back-off has
	// no jitter, and it reads reconnectDelay only when activated and when connected, not
	// before each attempt. The page schedules each attempt itself (reconnectLater).
	const client = new StompJs.Client({
		reconnectDelay: 0,
		connectionTimeout: CONNECTION_TIMEOUT_MS,
		onConnect: onConnected,
		onStompError: onStompError,
		onWebSocketClose: onSocketClosed,
	});
	useTransport(client, endpoint);

	controls.nickname.value = remembered(NICKNAME_KEY);
	showDisconnected();
	controls.form.addEventListener('submit', (event) => {
		event.preventDefault();
		connect();
	});
	controls.disconnect.addEventListener('click', disconnect);

	function connect() {
		if (wantConnection) {
			return;
		}
		const nickname = controls.nickname.value.trim();
		controls.nickname.value = nickname;
		remember(NICKNAME_KEY, nickname);
		client.connectHeaders = { nickname: nickname };
		const token = remembered(TOKEN_KEY);
		if (token) {
			client.connectHeaders[TOKEN_HEADER] = token;
		}
		wantConnection = true;
		focusComposerOnConnect = true;
		reconnectAttempts = 0;
		showConnecting();
		client.activate();
	}

	function disconnect() {
		wantConnection = false;
		focusComposerOnConnect = false;
		cancelReconnect();
		showDisconnected();
		client.deactivate();
		// the pressed button is disabled now; keep focus on the page, where it is useful
		controls.connect.focus();
	}

	function onConnected(frame) {
		sessionOpen = true;
		reconnectAttempts = 0;
		me = frame.headers['user-name'] || client.connectHeaders.nickname;
		const token = frame.headers[TOKEN_HEADER];
		if (token) {
			// reconnections reuse these headers
			client.connectHeaders[TOKEN_HEADER] = token;
			remember(TOKEN_KEY, token);
		}
		showConnected();
		handlers.onConnected();
		// not after an automatic reconnection: focus must not jump while the user is elsewhere
		if (focusComposerOnConnect) {
			focusComposerOnConnect = false;
			controls.composer.focus();
		}
	}

	function onStompError(frame) {
		let message = frame.headers.message;
		if (message && !sessionOpen) {
			// stompjs only decodes header escapes once CONNECTED has agreed on STOMP 1.2
			message = unescapeHeader(message);
		}
		// a server without its broker refuses CONNECT for now only: keep retrying
		const brokerAway = Boolean(message) && message.startsWith(BROKER_UNAVAILABLE);
		handlers.onServerError(brokerAway ? texts.text('brokerUnavailable') : message || texts.text('serverError'));
		if (!sessionOpen && !brokerAway) {
			// the server refused CONNECT (an invalid nickname, say): retrying cannot help
			wantConnection = false;
			focusComposerOnConnect = false;
			showDisconnected();
			client.deactivate();
		}
	}

	function onSocketClosed() {
		sessionOpen = false;
		handlers.onClosed();
		// the page reconnects by itself unless the user closed the connection
		if (wantConnection) {
			showConnecting();
			reconnectLater();
		}
		else {
			showDisconnected();
		}
	}

	// A closed socket leaves the client active without reconnection; it is deactivated at
	// once (there is no socket left to close) and activated again after the delay.
	function reconnectLater() {
		cancelReconnect();
		client.deactivate();
		reconnectTimer = window.setTimeout(() => {
			reconnectTimer = null;
			if (wantConnection) {
				client.activate();
			}
		}, reconnectDelay(reconnectAttempts));
		reconnectAttempts += 1;
	}

	function cancelReconnect() {
		if (reconnectTimer !== null) {
			window.clearTimeout(reconnectTimer);
			reconnectTimer = null;
		}
	}

	function showConnecting() {
		showState('connecting', texts.text('connecting'), true);
	}

	function showConnected() {
		showState('connected', texts.withNickname('connected', me), true);
	}

	function showDisconnected() {
		showState('disconnected', texts.text('disconnected'), false);
	}

	function showState(state, text, active) {
		controls.status.dataset.state = state;
		handlers.onStateChange(state);
		controls.status.textContent = text;
		controls.connect.disabled = active;
		controls.disconnect.disabled = !active;
		// the nickname is sent with CONNECT; changing it only matters for the next connection
		controls.nickname.readOnly = active;
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

	// A SEND with a receipt header; onReceipt gets the RECEIPT frame.
	function publish(destination, body, receipt, onReceipt) {
		client.watchForReceipt(receipt, onReceipt);
		client.publish({
			destination: destination,
			headers: { 'content-type': 'application/json', receipt: receipt },
			body: body,
		});
	}

	return Object.freeze({
		/** The nickname this page chats under, once connected; null before. */
		me: () => me,
		connected: () => client.connected,
		subscribe: (destination, onFrame) => client.subscribe(destination, onFrame),
		askOnce,
		publish,
	});
}

function useTransport(client, endpoint) {
	if (endpoint.transport === WEBSOCKET_TRANSPORT) {
		const url = new URL(endpoint.websocketUrl, window.location.href);
		url.protocol = (window.location.protocol === 'https:') ? 'wss:' : 'ws:';
		client.brokerURL = url.href;
		return;
	}
	const url = new URL(endpoint.sockjsUrl, window.location.href).href;
	const options = endpoint.sockJsTransports.includes(endpoint.transport) ? { transports: [endpoint.transport] } : {};
	client.webSocketFactory = () => new SockJS(url, null, options);
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
