package org.sms1069.api.auth;

/** Who a key belongs to: an app sends and sees its own messages; admins manage apps; compliance reviews. */
public enum Role {
    APP, ADMIN, COMPLIANCE
}
