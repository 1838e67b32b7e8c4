/**
 * What a connection must do to be let in and stay: connection limits and rates, screening
 * of malformed frames, allowed destinations, rate limits and the bound on held
 * subscriptions, nothing after DISCONNECT.
 */
@NullMarked
package dev.stompchat.admission;

import org.jspecify.annotations.NullMarked;
