package org.sms1069.gateway.session;

/**
 * The answer to a login.
 *
 * @param rawResult the protocol's code, e.g. "CMPP:3"
 */
public record LoginResult(boolean ok, String rawResult, String detail) {

    public static LoginResult ok(String rawResult) {
        return new LoginResult(true, rawResult, "OK");
    }

    public static LoginResult refused(String rawResult, String detail) {
        return new LoginResult(false, rawResult, detail);
    }
}
