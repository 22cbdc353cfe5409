package org.sms1069.wire.smgp;

import org.sms1069.wire.codec.Octets;

/**
 * SMGP Login. {@code loginMode} 0 send only, 1 receive only, 2 both (MT, MO and reports on one connection);
 * {@code timestamp} is the numeric MMDDHHMMSS; {@code clientVersion} 0x30 for SMGP 3.0.
 */
public record SmgpLogin(long sequenceId, String clientId, Octets authenticatorClient, int loginMode, long timestamp,
                        int clientVersion) implements SmgpPdu {

    public static final int MODE_SEND = 0;
    public static final int MODE_RECEIVE = 1;
    public static final int MODE_TRANSMIT = 2;
    public static final int VERSION_30 = 0x30;

    /** A Login whose authenticator is computed from the shared secret. */
    public static SmgpLogin login(long sequenceId, String clientId, String secret, int loginMode, long timestamp) {
        return new SmgpLogin(sequenceId, clientId, SmgpAuthenticator.client(clientId, secret, timestamp), loginMode,
                timestamp, VERSION_30);
    }

    @Override
    public long commandId() {
        return SmgpCommandIds.LOGIN;
    }
}
