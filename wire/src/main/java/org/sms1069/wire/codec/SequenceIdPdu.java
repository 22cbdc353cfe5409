package org.sms1069.wire.codec;

/** A PDU whose 12-byte header ends in a 32-bit Sequence_Id (CMPP and SMGP), held unsigned in a {@code long}. */
public interface SequenceIdPdu extends Pdu {

    int HEADER_LENGTH = 12;

    long sequenceId();
}
