package org.sms1069.wire.cmpp;

import org.sms1069.wire.codec.LoginDigests;
import org.sms1069.wire.codec.Octets;

/** The CMPP login digests. */
public final class CmppAuthenticator {

    private static final int ZERO_BYTES = 9;

    private CmppAuthenticator() {
    }

    /** AuthenticatorSource = MD5(Source_Addr ‖ 9 × 0x00 ‖ secret ‖ MMDDHHMMSS). */
    public static Octets source(String sourceAddr, String secret, long timestamp) {
        return LoginDigests.client(sourceAddr, ZERO_BYTES, secret, timestamp);
    }

    /**
     * AuthenticatorISMG = MD5(Status ‖ AuthenticatorSource ‖ secret), Status as 1 byte in 2.0 and 4 in 3.0
     * (gocmpp; SMSGate always uses 4, so clients should not insist on it).
     */
    public static Octets ismg(long status, Octets authenticatorSource, String secret, CmppVersion version) {
        return LoginDigests.server(status, version.resultLength(), authenticatorSource, secret);
    }
}
