package org.sms1069.api.catalog;

/** Signatures and templates wait for a compliance reviewer before they can be used. */
public enum ReviewStatus {
    PENDING, APPROVED, REJECTED
}
