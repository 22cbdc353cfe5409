package org.sms1069.carriersim.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** One SP connection of a Netty simulator, as the shared simulator code sees it: the last handler of its pipeline. */
public interface SimSession extends ChannelHandler {

    /** Logged in and still connected: may carry reports and MO. */
    boolean loggedIn();

    Channel channel();
}
