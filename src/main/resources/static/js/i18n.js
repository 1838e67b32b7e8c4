/*
 * The page's texts in its language, as the template hands them over in the
 * data-i18n-* attributes of #chat (data-i18n-not-sent is texts.text('notSent')).
 * Placeholders such as {nickname} and {count} are filled with function replacements, so
 * that a '$' in a nickname is not a replacement pattern.
 */

export function readTexts(dataset) {
	const texts = new Map();
	Object.keys(dataset)
		.filter((key) => /^i18n[A-Z]/.test(key))
		.forEach((key) => texts.set(key.charAt(4).toLowerCase() + key.slice(5), dataset[key]));

	function text(name) {
		const value = texts.get(name);
		if (value === undefined) {
			console.warn('stomp-chat: the page has no text ' + name);
			return '';
		}
		return value;
	}

	return Object.freeze({
		text,
		/** The text with {nickname} filled in. */
		withNickname: (name, nickname) => text(name).replace('{nickname}', () => String(nickname)),
		/** The text with {count} filled in. */
		withCount: (name, count) => text(name).replace('{count}', () => String(count)),
	});
}
