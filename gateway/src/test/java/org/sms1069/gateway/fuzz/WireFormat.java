package org.sms1069.gateway.fuzz;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fuzzer knows of a protocol's framing: every PDU starts with a 4-byte total length and a 4-byte command id,
 * then the rest of a {@code headerLength}-byte header; frames longer than {@code maxFrameLength} are refused.
 */
public record WireFormat(int headerLength, int maxFrameLength, List<Long> commandIds) {

    public WireFormat {
        commandIds = List.copyOf(commandIds);
    }

    /** The format whose command ids are the {@code long} constants of {@code commandIdClass} (CmppCommandIds, ...). */
    public static WireFormat of(int headerLength, int maxFrameLength, Class<?> commandIdClass) {
        List<Long> ids = new ArrayList<>();
        for (Field field : commandIdClass.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == long.class) {
                try {
                    ids.add(field.getLong(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new WireFormat(headerLength, maxFrameLength, ids);
    }
}
