package org.sms1069.gateway.link;

/**
 * Told when a link's live connections change (one logged in, one lost), so that its health can be reported at once
 * rather than at the next check. Apart from {@link InboundSink}: what the carrier sends and how the link is are two
 * concerns with two consumers.
 */
@FunctionalInterface
public interface ConnectionListener {
    ConnectionListener NONE = linkId -> { };

    void connectionsChanged(String linkId);
}
