/**
 * Several instances, one chat ({@code chat.broker=rabbitmq}): rooms' messages, presence
 * and nickname claims go through RabbitMQ streams, which every instance reads in the same
 * order, and each instance fans out to its own clients through its own broker.
 */
@NullMarked
package dev.stompchat.cluster;

import org.jspecify.annotations.NullMarked;
