package org.sms1069.filter.rules;

/** A family of checks; adds what it finds to the message's {@link Signals}. Implementations are immutable. */
public interface Rule {

    void apply(MessageScan scan, Signals signals);
}
