package org.sms1069.wire.codec;

/** What every protocol PDU record tells its encoder. Each protocol seals its own sub-interface. */
public interface Pdu {

    long commandId();
}
