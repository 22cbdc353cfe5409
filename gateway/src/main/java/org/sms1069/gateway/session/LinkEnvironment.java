package org.sms1069.gateway.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.config.SgipServerProperties;
import org.sms1069.gateway.link.ConnectionListener;
import org.sms1069.model.retry.Backoff;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What every Netty link shares: one event loop group for all connections of all links, the scheduler that
 * runs reconnect attempts, the reconnect back-off, the session limits, the meter registry, the guard of the
 * SGIP servers and who is told when a link's connections change.
 */
public record LinkEnvironment(EventLoopGroup eventLoops, ScheduledExecutorService scheduler, Backoff reconnect,
                              SessionProperties session, MeterRegistry meters, SgipServerProperties sgipServer,
                              ConnectionListener connections) {

    /** Nobody told of connection changes. */
    public LinkEnvironment(EventLoopGroup eventLoops, ScheduledExecutorService scheduler, Backoff reconnect,
                           SessionProperties session, MeterRegistry meters, SgipServerProperties sgipServer) {
        this(eventLoops, scheduler, reconnect, session, meters, sgipServer, ConnectionListener.NONE);
    }

    /** With the SGIP servers' default guard. */
    public LinkEnvironment(EventLoopGroup eventLoops, ScheduledExecutorService scheduler, Backoff reconnect,
                           SessionProperties session, MeterRegistry meters) {
        this(eventLoops, scheduler, reconnect, session, meters, SgipServerProperties.defaults());
    }
}
