/*
 * Error codes the page treats specially, as the server's ChatErrorCode names them.
 */

/** The server has lost its message broker: nothing can be sent for now, retrying helps. */
export const BROKER_UNAVAILABLE = 'BROKER_UNAVAILABLE';
