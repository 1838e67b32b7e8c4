/*
 * The outbox: the message box and my messages on their way to the room. A message shows
 * at once as Sending…; every SEND carries a receipt, and the server's RECEIPT names the
 * id the room gave the message (header message-id), which is how the page knows its own
 * message when the room broadcasts it, whatever the server made of its text.
 *
 * The RECEIPT and the room's MESSAGE may come in either order:
 * - RECEIPT first: the pending entry becomes the room's message with that id (Sent) at
 *   once; the MESSAGE, when it comes, is already shown and completes it.
 * - MESSAGE first: a message of mine the room broadcast while sends of mine await their
 *   RECEIPT is held, by id, until a RECEIPT claims it; the pending entry then becomes it.
 *   Held messages no RECEIPT claims (sent from another tab of mine) are shown as soon as
 *   nothing awaits a RECEIPT any more, or the connection is lost.
 * A refused message gives its text back to the message box; one lost with the connection
 * is marked Not sent with a Retry button.
 */

import { element } from './dom.js';

const MESSAGE_ID_HEADER = 'message-id';

/**
 * @param composer { form, input }: the message box
 * @param sendDestination where SENDs go: /app/rooms.{room}.send
 */
export function createOutbox(composer, sendDestination, connection, messageList, texts) {
	// my messages sent and not yet answered, oldest first: receipt → { receipt, text, entry }
	const awaiting = new Map();
	// my messages the room broadcast before the RECEIPT that says which send they are: id → message
	const held = new Map();
	let sendCounter = 0;

	composer.form.addEventListener('submit', (event) => {
		event.preventDefault();
		send();
	});
	// Handled here rather than by implicit form submission so that Enter works the same
	// however the key event was produced.
	composer.input.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && !event.isComposing) {
			event.preventDefault();
			send();
		}
	});

	function send() {
		const text = composer.input.value;
		// an empty box is no message; whitespace-only text is for the server to judge
		if (text === '') {
			return;
		}
		if (!connection.connected()) {
			messageList.showError(texts.text('notConnected'), 'NOT_CONNECTED');
			return;
		}
		const receipt = 'send-' + (++sendCounter) + '-' + Math.random().toString(36).slice(2, 10);
		const pending = { receipt: receipt, text: text, entry: pendingEntry(text, receipt) };
		awaiting.set(receipt, pending);
		messageList.append(pending.entry);
		connection.publish(sendDestination, JSON.stringify({ text: text }), receipt,
			(frame) => onReceipt(receipt, frame.headers[MESSAGE_ID_HEADER]));
		composer.input.value = '';
		composer.input.focus();
	}

	function onReceipt(receipt, messageId) {
		const pending = take(receipt);
		if (!pending) {
			return;
		}
		markDelivered(pending.entry);
		if (messageId) {
			if (messageList.has(messageId)) {
				// the room's copy is shown already: the pending entry was a second copy of it
				pending.entry.remove();
			}
			else {
				const message = held.get(messageId);
				held.delete(messageId);
				messageList.adopt(pending.entry, messageId, message);
			}
		}
		releaseHeldWhenIdle();
	}

	/**
	 * A CHAT message of mine from the room, not shown yet: whether the outbox keeps it for
	 * the RECEIPT of one of my sends (otherwise it is shown as it is).
	 */
	function claim(message) {
		if (awaiting.size === 0 || message.id == null) {
			return false;
		}
		held.set(String(message.id), message);
		return true;
	}

	/** A send the server refused: the entry was never a message of the room; its text comes back. */
	function refused(receipt) {
		const pending = take(receipt);
		if (!pending) {
			return;
		}
		pending.entry.remove();
		if (composer.input.value === '') {
			composer.input.value = pending.text;
		}
		releaseHeldWhenIdle();
	}

	/** No RECEIPT can come any more: what awaits one is not sent. */
	function connectionLost() {
		const unanswered = Array.from(awaiting.values());
		awaiting.clear();
		unanswered.forEach(markNotSent);
		releaseHeldWhenIdle();
	}

	function take(receipt) {
		const pending = awaiting.get(receipt) || null;
		awaiting.delete(receipt);
		return pending;
	}

	function releaseHeldWhenIdle() {
		if (awaiting.size > 0 || held.size === 0) {
			return;
		}
		const messages = Array.from(held.values());
		held.clear();
		messages.forEach((message) => messageList.show(message));
	}

	function pendingEntry(text, receipt) {
		const entry = element('li', 'entry sent pending');
		entry.dataset.receipt = receipt;
		entry.setAttribute('aria-busy', 'true');
		const meta = element('div', 'entry-meta');
		meta.append(element('span', 'entry-label', texts.text('sending')));
		meta.append(element('span', 'entry-sender', connection.me()));
		entry.append(meta, element('p', 'entry-text', text));
		return entry;
	}

	function markDelivered(entry) {
		entry.classList.remove('pending', 'not-sent');
		entry.classList.add('sent', 'delivered');
		entry.removeAttribute('aria-busy');
		setLabel(entry, texts.text('sent'));
	}

	function markNotSent(pending) {
		const entry = pending.entry;
		entry.classList.remove('pending', 'sent');
		entry.classList.add('not-sent');
		entry.removeAttribute('aria-busy');
		setLabel(entry, texts.text('notSent'));
		const retry = element('button', 'button button-small entry-retry', texts.text('retry'));
		retry.type = 'button';
		retry.addEventListener('click', () => {
			entry.remove();
			composer.input.value = pending.text;
			composer.input.focus();
		});
		entry.append(retry);
	}

	function setLabel(entry, text) {
		const label = entry.querySelector('.entry-label');
		if (label) {
			label.textContent = text;
		}
	}

	return Object.freeze({
		claim,
		refused,
		connectionLost,
	});
}
