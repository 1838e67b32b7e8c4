/**
 * The top floor for HTTP: security headers, bounds on request bodies and paths, Tomcat's
 * error reports, connection and buffer sizes.
 */
@NullMarked
package dev.stompchat.server;

import org.jspecify.annotations.NullMarked;
