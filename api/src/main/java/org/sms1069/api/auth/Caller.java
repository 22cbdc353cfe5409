package org.sms1069.api.auth;

import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.springframework.web.server.ServerWebExchange;

/** The authenticated caller of a request; appId is null for admin and compliance keys. */
public record Caller(String keyId, Role role, String appId) {
    static final String ATTRIBUTE = Caller.class.getName();

    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "request is not signed");
        }
        return caller;
    }

    public Caller require(Role needed) {
        if (role != needed) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this operation needs the " + needed + " role");
        }
        return this;
    }
}
