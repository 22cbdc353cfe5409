package org.sms1069.gateway.smpp;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.bean.Command;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * jsmpp's PDU reader with bounds on command_length. The default one allocates whatever length the peer announces
 * (up to 2 GiB) before reading the body: one corrupt or hostile header exhausts the heap. A length outside the
 * bounds means the stream cannot be framed any more; it is refused as an {@link IOException}, on which jsmpp closes
 * the session at once (an InvalidCommandLengthException would make it unbind first and wait, on the reading thread,
 * for an answer it can no longer read), and the link binds again.
 */
final class BoundedPduReader extends DefaultPDUReader {
    private static final int HEADER_LENGTH = 16;

    private final int maxCommandLength;

    BoundedPduReader(int maxCommandLength) {
        this.maxCommandLength = maxCommandLength;
    }

    /** A command_length no PDU we accept can have. */
    static final class UnframeablePdu extends IOException {
        UnframeablePdu(String message) {
            super(message);
        }
    }

    @Override
    public Command readPDUHeader(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < HEADER_LENGTH || length > maxCommandLength) {
            throw new UnframeablePdu("command_length " + Integer.toUnsignedString(length) + " is outside "
                    + HEADER_LENGTH + ".." + maxCommandLength);
        }
        Command command = new Command();
        command.setCommandLength(length);
        command.setCommandId(in.readInt());
        command.setCommandStatus(in.readInt());
        command.setSequenceNumber(in.readInt());
        return command;
    }
}
