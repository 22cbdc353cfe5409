package org.sms1069.api.complaints;

/** Who forwarded the complaint: a carrier, the regulator (12321), a reply of the phone, or anyone else. */
public enum ComplaintSource {
    CARRIER, REGULATOR, USER_REPLY, OTHER
}
