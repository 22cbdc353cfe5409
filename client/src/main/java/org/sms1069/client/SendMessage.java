package org.sms1069.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/messages}: an approved template with its parameters, or free text (apps allowed
 * to), behind an approved signature. Fields left null are not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendMessage(List<String> phones, String templateId, Map<String, String> params, String text,
                          String signature, MessageType type, String clientRef, Instant sendAt, Duration validity) {

    public SendMessage {
        if (phones == null || phones.isEmpty()) {
            throw new IllegalArgumentException("name at least one phone");
        }
        phones = List.copyOf(phones);
        params = params == null ? null : Map.copyOf(params);
    }

    /** Free text, e.g. {@code text(List.of("13800138000"), "【示例科技】您的订单已发货。", MessageType.NOTIFICATION)}. */
    public static SendMessage text(List<String> phones, String text, MessageType type) {
        return new SendMessage(phones, null, null, text, null, type, null, null, null);
    }

    /** An approved template with its variables; the type comes from the template. */
    public static SendMessage template(List<String> phones, String templateId, Map<String, String> params) {
        return new SendMessage(phones, templateId, params, null, null, null, null, null, null);
    }

    public SendMessage withSignature(String name) {
        return new SendMessage(phones, templateId, params, text, name, type, clientRef, sendAt, validity);
    }

    public SendMessage withClientRef(String ref) {
        return new SendMessage(phones, templateId, params, text, signature, type, ref, sendAt, validity);
    }

    public SendMessage withSendAt(Instant at) {
        return new SendMessage(phones, templateId, params, text, signature, type, clientRef, at, validity);
    }

    public SendMessage withValidity(Duration duration) {
        return new SendMessage(phones, templateId, params, text, signature, type, clientRef, sendAt, duration);
    }
}
