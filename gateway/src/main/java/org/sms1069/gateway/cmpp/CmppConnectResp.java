package org.sms1069.gateway.cmpp;

import org.sms1069.gateway.codec.Octets;

/** CMPP_CONNECT_RESP. {@code status} 0 = OK; {@code version} is the highest the gateway supports. */
public record CmppConnectResp(long sequenceId, long status, Octets authenticatorIsmg, int version)
        implements CmppPdu {

    @Override
    public long commandId() {
        return CmppCommandIds.CONNECT_RESP;
    }
}
