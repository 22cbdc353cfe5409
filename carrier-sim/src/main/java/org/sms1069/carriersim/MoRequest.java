package org.sms1069.carriersim;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A handset's message to inject: {@code from} the handset, {@code to} the 1069 number and extension. */
public record MoRequest(
        @NotBlank @Size(max = 21) String from,
        @NotBlank @Size(max = 21) String to,
        @NotNull @Size(min = 1, max = MoRequest.MAX_TEXT) String text) {

    /** 255 parts of 67 UCS2 characters, the most a one-byte UDH can number. */
    static final int MAX_TEXT = 255 * 67;

    @Override
    public String toString() {
        return "MoRequest[from=" + org.sms1069.model.phone.PhoneNumbers.mask(from) + ", to=" + to
                + ", textLength=" + (text == null ? 0 : text.length()) + "]";
    }
}
