package org.sms1069.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** One page of {@code GET /v1/messages}, newest first; {@code nextCursor} is null on the last page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessagePage(List<Message> messages, String nextCursor) {
    public MessagePage {
        messages = messages == null ? List.of() : messages;
    }
}
