package org.sms1069.wire.cmpp;

import org.sms1069.wire.codec.Octets;

/**
 * CMPP_CONNECT_RESP. {@code status} 0 = OK; {@code version} is the highest the gateway supports. A refusal may come
 * without the AuthenticatorISMG: it is then {@link Octets#EMPTY}, and the PDU is encoded without it.
 */
public record CmppConnectResp(long sequenceId, long status, Octets authenticatorIsmg, int version)
        implements CmppPdu {

    public boolean hasAuthenticator() {
        return authenticatorIsmg.length() > 0;
    }

    @Override
    public long commandId() {
        return CmppCommandIds.CONNECT_RESP;
    }
}
