package org.sms1069.api.submit;

import org.sms1069.model.MessageType;

/** The text a phone will show, with where it came from. */
public record ComposedMessage(String text, MessageType type, String signature, String templateId,
                              java.util.Map<String, String> params) {
}
