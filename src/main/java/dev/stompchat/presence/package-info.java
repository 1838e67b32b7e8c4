/**
 * Who is in each room: subscriptions turned into JOIN and LEAVE, the room membership that
 * every other module reads, and the members and rooms answers.
 */
@NullMarked
package dev.stompchat.presence;

import org.jspecify.annotations.NullMarked;
