/**
 * The chat itself: what clients send to a room, validated, stamped and broadcast in one
 * order per room by RoomBroadcaster, the one path every message takes.
 */
@NullMarked
package dev.stompchat.chat;

import org.jspecify.annotations.NullMarked;
