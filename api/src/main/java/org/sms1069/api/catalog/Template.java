package org.sms1069.api.catalog;

import org.sms1069.model.MessageType;

import java.time.Instant;

public record Template(String id, String appId, String name, MessageType type, String content,
                       java.util.List<String> variables, ReviewStatus status, String reviewNote, Instant createdAt) {

    public TemplateText text() {
        return new TemplateText(content, variables);
    }
}
