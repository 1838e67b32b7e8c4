package dev.stompchat.cluster;

/**
 * The other instances presumed this one dead (it was paused or cut off for too long) and
 * ended everything it held: its connections must end too, so that their clients reconnect
 * and claim their nicknames and rooms afresh rather than linger as stale members.
 */
public record InstanceExpired(String instance) {
}
