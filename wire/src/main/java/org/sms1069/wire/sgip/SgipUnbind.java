package org.sms1069.wire.sgip;

/** SGIP_UNBIND (no body): the peer answers and both sides close. */
public record SgipUnbind(SgipSequence sequence) implements SgipPdu {

    @Override
    public long commandId() {
        return SgipCommandIds.UNBIND;
    }
}
