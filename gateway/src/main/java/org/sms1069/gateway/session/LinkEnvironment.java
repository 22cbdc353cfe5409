package org.sms1069.gateway.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.config.SgipServerProperties;
import org.sms1069.model.retry.Backoff;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What every Netty link shares: one event loop group for all connections of all links, the scheduler that
 * runs reconnect attempts, the reconnect back-off, the session limits, the meter registry and the guard of the
 * SGIP servers.
 */
public record LinkEnvironment(EventLoopGroup eventLoops, ScheduledExecutorService scheduler, Backoff reconnect,
                              SessionProperties session, MeterRegistry meters, SgipServerProperties sgipServer) {

    /** With the SGIP servers' default guard. */
    public LinkEnvironment(EventLoopGroup eventLoops, ScheduledExecutorService scheduler, Backoff reconnect,
                           SessionProperties session, MeterRegistry meters) {
        this(eventLoops, scheduler, reconnect, session, meters, SgipServerProperties.defaults());
    }
}
