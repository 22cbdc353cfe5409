package org.sms1069.carriersim.smpp;

import org.jsmpp.bean.OptionalParameter;

/** A deliver_sm the simulator sends to the platform: a receipt or an MO part. */
record OutboundDeliverSm(
        String sourceAddr,
        String destinationAddr,
        int esmClass,
        int dataCoding,
        byte[] shortMessage,
        OptionalParameter... optionalParameters) {
}
