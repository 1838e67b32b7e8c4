/**
 * Each room's recent messages, fed by the rooms' message stream, and what a reconnecting
 * client missed.
 */
@NullMarked
package dev.stompchat.history;

import org.jspecify.annotations.NullMarked;
