package org.sms1069.wire.cmpp;

import org.sms1069.wire.codec.Octets;

/** CMPP_CONNECT: login with the MD5 authenticator; {@code timestamp} is the numeric MMDDHHMMSS. */
public record CmppConnect(long sequenceId, String sourceAddr, Octets authenticatorSource, int version,
                          long timestamp) implements CmppPdu {

    /** A CONNECT whose authenticator is computed from the shared secret. */
    public static CmppConnect login(long sequenceId, String sourceAddr, String secret, CmppVersion version,
                                    long timestamp) {
        return new CmppConnect(sequenceId, sourceAddr, CmppAuthenticator.source(sourceAddr, secret, timestamp),
                version.code(), timestamp);
    }

    @Override
    public long commandId() {
        return CmppCommandIds.CONNECT;
    }
}
