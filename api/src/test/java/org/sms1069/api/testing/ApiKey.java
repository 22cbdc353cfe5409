package org.sms1069.api.testing;

/** A key id with its secret, as a client holds it. */
public record ApiKey(String keyId, String secret) {
    @Override
    public String toString() {
        return "ApiKey[" + keyId + "]";
    }
}
