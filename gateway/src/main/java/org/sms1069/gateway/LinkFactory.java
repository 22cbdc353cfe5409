package org.sms1069.gateway;

import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.RepeatedDeliverFilter;
import org.sms1069.gateway.cmpp.CmppDialect;
import org.sms1069.wire.cmpp.CmppVersion;
import org.sms1069.gateway.config.GatewayProperties;
import org.sms1069.gateway.session.LinkEnvironment;
import org.sms1069.gateway.session.NettyLink;
import org.sms1069.gateway.sgip.server.SgipLink;
import org.sms1069.gateway.smgp.SmgpDialect;
import org.sms1069.gateway.smpp.SmppLink;
import org.sms1069.model.link.LinkSettings;

/** Builds the connector for a link's protocol. */
public final class LinkFactory {
    private LinkFactory() {
    }

    /** {@code sink} gets what the carrier sends, with DELIVERs it sends again filtered out. */
    public static CarrierLink create(LinkSettings settings, GatewayProperties properties, LinkEnvironment environment,
                                     InboundSink sink) {
        InboundSink inbound = RepeatedDeliverFilter.of(sink, environment.meters(), settings.id());
        return switch (settings.protocol()) {
            case SMPP34 -> new SmppLink(settings, properties.responseTimeout(), properties.reconnect().policy(),
                    inbound, environment.connections(), environment.scheduler());
            case CMPP20 -> new NettyLink<>(settings, new CmppDialect(settings, CmppVersion.V20), environment, inbound);
            case CMPP30 -> new NettyLink<>(settings, new CmppDialect(settings, CmppVersion.V30), environment, inbound);
            case SMGP30 -> new NettyLink<>(settings, new SmgpDialect(settings), environment, inbound);
            case SGIP12 -> new SgipLink(settings, environment, inbound);
        };
    }
}
