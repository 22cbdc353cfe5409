package org.sms1069.gateway.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.model.retry.Backoff;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What every Netty link shares: one event loop group for all connections of all links, the scheduler that
 * runs reconnect attempts, the reconnect back-off, the session limits and the meter registry.
 */
public record LinkEnvironment(EventLoopGroup eventLoops, ScheduledExecutorService scheduler, Backoff reconnect,
                              SessionProperties session, MeterRegistry meters) {
}
