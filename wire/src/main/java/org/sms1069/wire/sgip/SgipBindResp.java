package org.sms1069.wire.sgip;

/** SGIP_BIND_RESP; a failed bind is followed by the server closing the connection. */
public record SgipBindResp(SgipSequence sequence, int result) implements SgipResultResp {

    @Override
    public long commandId() {
        return SgipCommandIds.BIND_RESP;
    }
}
