/**
 * Who a connection is: the nickname of CONNECT, held by one person at a time (look-alikes
 * included), and its token.
 */
@NullMarked
package dev.stompchat.identity;

import org.jspecify.annotations.NullMarked;
