package org.sms1069.gateway.dlr;

import org.sms1069.model.Carrier;

import java.time.Instant;

/** What a carrier message id stands for: one part of our message to one phone. */
public record Correlation(String messageId, String phone, int segment, int segments, Carrier carrier,
                          String linkId, String carrierMessageId, Instant submittedAt) {
}
