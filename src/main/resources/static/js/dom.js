/*
 * Small helpers without state: elements built from text (never from markup) and frame
 * bodies read as JSON.
 */

/** A new element of that class; text, when given, becomes its textContent. */
export function element(tagName, className, text) {
	const node = document.createElement(tagName);
	node.className = className;
	if (text !== undefined) {
		node.textContent = (text == null) ? '' : String(text);
	}
	return node;
}

/** The JSON of a frame's body, or null (with a warning) when it is not JSON. */
export function parseJson(body) {
	try {
		return JSON.parse(body);
	}
	catch (ex) {
		console.warn('stomp-chat: ignoring a frame whose body is not JSON', body);
		return null;
	}
}
