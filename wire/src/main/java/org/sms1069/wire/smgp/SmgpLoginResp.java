package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.Octets;

/** SMGP Login_Resp. {@code authenticatorServer} may be empty when the login failed. */
public record SmgpLoginResp(long sequenceId, long status, Octets authenticatorServer, int serverVersion)
        implements SmgpPdu {

    @Override
    public long commandId() {
        return SmgpCommandIds.LOGIN_RESP;
    }
}
