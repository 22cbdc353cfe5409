package org.sms1069.carriersim.netty;

/** What the shared simulator code reads from a protocol's settings. */
public interface SimConfig {

    /** TCP port; 0 picks a free one. */
    int port();

    SimBehaviour behaviour();
}
