package org.sms1069.wire.cmpp;

/** The two CMPP layouts. 2.0 and 3.0 share command ids but differ in field widths. */
public enum CmppVersion {
    V20(0x20, 21, 1, 8, false),
    V30(0x30, 32, 4, 20, true);

    private final int code;
    private final int terminalIdLength;
    private final int resultLength;
    private final int trailerLength;
    private final boolean terminalTypes;

    CmppVersion(int code, int terminalIdLength, int resultLength, int trailerLength, boolean terminalTypes) {
        this.code = code;
        this.terminalIdLength = terminalIdLength;
        this.resultLength = resultLength;
        this.trailerLength = trailerLength;
        this.terminalTypes = terminalTypes;
    }

    /** 0x30 and above read as 3.0; anything lower (0x20, 0x21) as 2.0. */
    public static CmppVersion of(int code) {
        return code >= V30.code ? V30 : V20;
    }

    /** The Version byte of CONNECT. */
    public int code() {
        return code;
    }

    /** Width of Fee_terminal_Id, Dest_terminal_Id, Src_terminal_Id and the report's Dest_terminal_Id. */
    public int terminalIdLength() {
        return terminalIdLength;
    }

    /** Width of Status/Result in CONNECT_RESP, SUBMIT_RESP and DELIVER_RESP. */
    public int resultLength() {
        return resultLength;
    }

    /** Width of the last field of SUBMIT and DELIVER: Reserve (2.0) or LinkID (3.0). */
    public int trailerLength() {
        return trailerLength;
    }

    /** Whether the *_terminal_type bytes exist (3.0 only). */
    public boolean hasTerminalTypes() {
        return terminalTypes;
    }

    /** Msg_Length of a status report inside DELIVER: 60 or 71. */
    public int reportLength() {
        return 39 + terminalIdLength;
    }
}
