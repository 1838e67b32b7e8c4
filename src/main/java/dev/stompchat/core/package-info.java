/**
 * The ground floor every module may use: the settings (ChatProperties), room names and
 * their destinations, the error codes and the one component that answers a client about
 * its own frames (ClientReplies).
 */
@NullMarked
package dev.stompchat.core;

import org.jspecify.annotations.NullMarked;
