package org.sms1069.api.mo;

import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * A send that answers a reply ({@code inReplyTo}, the MO's id): on CMPP 3.0 and SMGP the carrier gave that MO a
 * LinkID, and the answer must send it back for the carrier to bill and route it as the on-demand reply it is. The MO
 * must be the app's own, and the answer goes to the one phone it came from.
 */
@Component
public class MoReplies {
    private final MoStore store;

    public MoReplies(MoStore store) {
        this.store = store;
    }

    /**
     * The carrier LinkID the answer sends back: empty when it answers no MO ({@code inReplyTo} null) or one that came
     * without a LinkID. Fails with {@code MO_NOT_FOUND} or {@code REPLY_PHONE_MISMATCH}.
     */
    public Mono<Optional<String>> carrierLinkId(String appId, Long inReplyTo, List<String> phones) {
        if (inReplyTo == null) {
            return Mono.just(Optional.empty());
        }
        return store.repliedMo(appId, inReplyTo)
                .switchIfEmpty(Mono.error(() -> new ApiException(ErrorCode.MO_NOT_FOUND,
                        "inReplyTo " + inReplyTo + " is no reply this app received (see GET /v1/mo)")))
                .map(mo -> {
                    if (phones.size() != 1 || !mo.phone().equals(canonical(phones.get(0)))) {
                        throw new ApiException(ErrorCode.REPLY_PHONE_MISMATCH, "an answer to reply " + inReplyTo
                                + " goes to exactly the one phone that reply came from, " + PhoneNumbers.mask(mo.phone()));
                    }
                    return Optional.ofNullable(mo.carrierLinkId());
                });
    }

    private static String canonical(String phone) {
        return PhoneNumbers.parse(phone).number().map(PhoneNumber::value).orElse(phone);
    }
}
