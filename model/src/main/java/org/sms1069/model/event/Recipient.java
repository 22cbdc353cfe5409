package org.sms1069.model.event;

/** One destination of an outbound submit and the message id its statuses belong to. */
public record Recipient(String messageId, String phone) {
}
