package org.sms1069.api.submit;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.sms1069.model.MessageType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/messages}: an approved template with its parameters, or (for apps allowed
 * to) free text; either way behind an approved signature.
 *
 * @param templateId an approved template of the app; its type is the message type
 * @param params     the template's variables, e.g. {"code": "482913"}
 * @param text       free text without or with its leading signature 【...】
 * @param signature  the signature name without brackets; may be left out when the text starts with it
 * @param type       required with text; with a template it must match the template's type if given
 * @param sendAt     send later, at this time (at most 7 days ahead)
 * @param validity   how long the platform may keep trying (ISO-8601 duration, e.g. PT10M); default 24 h
 * @param inReplyTo  the id of the app's reply (MO, {@code GET /v1/mo}) this message answers: it then goes to that
 *                   reply's phone alone, with the carrier's LinkID of the reply where it had one (CMPP 3.0, SMGP)
 */
public record SendRequest(
        @NotEmpty(message = "must name at least one phone") List<@NotNull String> phones,
        @Size(max = 32) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String templateId,
        Map<@NotNull @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String,
                @NotNull @Size(max = 64) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String> params,
        @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String text,
        @Size(max = 12) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String signature,
        MessageType type,
        @Size(max = 64) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String clientRef,
        Instant sendAt,
        Duration validity,
        @Positive Long inReplyTo) {

    /** PostgreSQL text cannot hold U+0000: refused here as a client error instead of failing the insert. */
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";
}
