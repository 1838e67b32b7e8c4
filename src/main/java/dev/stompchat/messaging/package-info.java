/**
 * The top floor for STOMP: the endpoints, the broker, the declared inbound chain and the
 * outbound channel, which put the features together.
 */
@NullMarked
package dev.stompchat.messaging;

import org.jspecify.annotations.NullMarked;
