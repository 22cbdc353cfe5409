package org.sms1069.filter;

/** What the filter says about a message. */
public enum Decision {
    ALLOW, BLOCK
}
