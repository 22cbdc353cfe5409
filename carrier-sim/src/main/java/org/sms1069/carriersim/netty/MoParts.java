package org.sms1069.carriersim.netty;

import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A handset's message as the network delivers it: UCS2, in 67-character parts with a UDH beyond 70. */
public final class MoParts {
    private static final int SINGLE = 70;
    private static final int PART = 67;
    private static final int REFERENCE = 0x5A;

    private MoParts() {
    }

    public static List<MessageContent> of(String text) {
        if (text.length() <= SINGLE) {
            return List.of(MessageContent.ofText(MessageFormat.UCS2, text));
        }
        List<MessageContent> parts = new ArrayList<>();
        int total = (text.length() + PART - 1) / PART;
        for (int i = 0; i < total; i++) {
            String chunk = text.substring(i * PART, Math.min(text.length(), (i + 1) * PART));
            parts.add(MessageContent.segment(MessageFormat.UCS2, new ConcatenationUdh(REFERENCE, total, i + 1),
                    chunk.getBytes(StandardCharsets.UTF_16BE)));
        }
        return parts;
    }
}
