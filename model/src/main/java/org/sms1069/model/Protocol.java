package org.sms1069.model;

/** Wire protocol of a carrier link. */
public enum Protocol {
    CMPP20, CMPP30, SGIP12, SMGP30, SMPP34
}
