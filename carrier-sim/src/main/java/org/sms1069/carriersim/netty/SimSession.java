package org.sms1069.carriersim.netty;

import io.netty.channel.Channel;

/** One SP connection of a Netty simulator, as the shared simulator code sees it. */
public interface SimSession {

    /** Logged in and still connected: may carry reports and MO. */
    boolean loggedIn();

    Channel channel();
}
