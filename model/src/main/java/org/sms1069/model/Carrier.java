package org.sms1069.model;

/** The networks a message can be delivered through. */
public enum Carrier {
    /** China Mobile. */
    CMCC,
    /** China Unicom. */
    CUCC,
    /** China Telecom. */
    CTCC,
    /** China Broadnet (192); routed by configuration to a partner carrier's link. */
    CBN,
    /** Numbers outside mainland China, or an aggregator link. */
    INTL
}
