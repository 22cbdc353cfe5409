package org.sms1069.gateway.link;

import org.sms1069.gateway.config.GatewayProperties;
import org.sms1069.gateway.smpp.SmppLink;
import org.sms1069.model.link.LinkSettings;

import java.util.concurrent.ScheduledExecutorService;

/** Builds the connector for a link's protocol. */
public final class LinkFactory {
    private LinkFactory() {
    }

    public static CarrierLink create(LinkSettings settings, GatewayProperties properties, InboundSink inbound,
                                     ScheduledExecutorService scheduler) {
        return switch (settings.protocol()) {
            case SMPP34 -> new SmppLink(settings, properties.responseTimeout(), properties.reconnect().policy(),
                    inbound, scheduler);
            case CMPP20, CMPP30, SGIP12, SMGP30 -> throw new IllegalArgumentException("sms.links[" + settings.id()
                    + "]: protocol " + settings.protocol() + " has no connector in this build; use SMPP34");
        };
    }
}
