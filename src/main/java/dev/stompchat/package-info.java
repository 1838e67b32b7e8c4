/**
 * stomp-chat: a real-time chat room on STOMP over WebSocket and SockJS. Each direct
 * subpackage is a module; see the README's architecture section for how they depend on
 * each other.
 */
@NullMarked
package dev.stompchat;

import org.jspecify.annotations.NullMarked;
