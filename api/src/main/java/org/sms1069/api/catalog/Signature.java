package org.sms1069.api.catalog;

import java.time.Instant;

public record Signature(String id, String appId, String name, ReviewStatus status, String reviewNote, Instant createdAt) {
}
