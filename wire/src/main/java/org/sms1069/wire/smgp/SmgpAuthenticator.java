package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.LoginDigests;
import org.sms1069.wire.codec.Octets;

/** The SMGP login digests. */
public final class SmgpAuthenticator {

    /** Seven zero bytes, against nine in CMPP. */
    private static final int ZERO_BYTES = 7;

    private SmgpAuthenticator() {
    }

    /** AuthenticatorClient = MD5(ClientID ‖ 7 × 0x00 ‖ secret ‖ MMDDHHMMSS). */
    public static Octets client(String clientId, String secret, long timestamp) {
        return LoginDigests.client(clientId, ZERO_BYTES, secret, timestamp);
    }

    /** AuthenticatorServer = MD5(Status as 4 bytes ‖ AuthenticatorClient ‖ secret). */
    public static Octets server(long status, Octets authenticatorClient, String secret) {
        return LoginDigests.server(status, 4, authenticatorClient, secret);
    }
}
