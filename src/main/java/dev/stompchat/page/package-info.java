/**
 * The chat room's Thymeleaf page, its languages and its cookie.
 */
@NullMarked
package dev.stompchat.page;

import org.jspecify.annotations.NullMarked;
