/*
 * How long the page waits before it tries to reconnect: exponential back-off with
 * jitter. The base doubles from FIRST_DELAY_MS with every attempt since the connection
 * was last up, up to MAX_DELAY_MS, and the wait is a random point in its upper half
 * ("equal jitter"). When an instance stops, all its clients lose their connection at
 * once; without jitter they would come back at the same moments, attempt after attempt.
 */

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 15000;

/**
 * @param attempt how many attempts have been made since the connection was last up: 0
 * before the first
 * @param random returns a number in [0, 1), as Math.random does
 * @returns the delay in milliseconds, between half the attempt's base and the base
 */
export function reconnectDelay(attempt, random = Math.random) {
	const base = Math.min(FIRST_DELAY_MS * 2 ** attempt, MAX_DELAY_MS);
	return Math.round(base / 2 + random() * (base / 2));
}
