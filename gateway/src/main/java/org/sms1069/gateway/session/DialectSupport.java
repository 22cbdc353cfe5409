package org.sms1069.gateway.session;

import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.ResultCode;
import org.sms1069.gateway.link.InboundValues;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What the three Chinese protocols' dialects do alike: UCS2 parts with the 6-byte UDH, result codes, MO fields. */
public final class DialectSupport {
    private DialectSupport() {
    }

    /** UCS2 text; parts of a long message start with {@code 05 00 03 ref total number} and TP_udhi = 1. */
    public static MessageContent ucs2(OutboundSubmit part) {
        byte[] text = part.text().getBytes(StandardCharsets.UTF_16BE);
        if (part.segmentCount() <= 1) {
            return new MessageContent(MessageFormat.UCS2, false, Octets.of(text));
        }
        ConcatenationUdh udh = new ConcatenationUdh(part.reference() & 0xFF, part.segmentCount(), part.segmentNumber());
        return MessageContent.segment(MessageFormat.UCS2, udh, text);
    }

    /**
     * A submit answer as a {@link SubmitResult}: the carrier ids on success, otherwise retryable or permanent
     * with the raw code kept as {@code PROTOCOL:code}.
     */
    public static SubmitResult result(String protocol, ResultCode code, Supplier<List<String>> carrierIds) {
        return result(protocol, code, carrierIds, false);
    }

    /** As {@link #result(String, ResultCode, Supplier)}; {@code byPhone}: see {@link SubmitResult.Accepted#byPhone()}. */
    public static SubmitResult result(String protocol, ResultCode code, Supplier<List<String>> carrierIds, boolean byPhone) {
        if (code.isSuccess()) {
            return new SubmitResult.Accepted(carrierIds.get(), byPhone);
        }
        return new SubmitResult.Rejected(code.isRetryable(), protocol + ":" + code.code(), code.description(),
                code.isFlowControl());
    }

    /** An answer of the wrong type for the request: the peer is confused, do not repeat the part blindly. */
    public static SubmitResult unexpected(String protocol, Object response) {
        return new SubmitResult.Rejected(false, protocol + ":UNEXPECTED_ANSWER", response.getClass().getSimpleName());
    }

    /** Unsigned 32-bit sequence numbers that wrap; 0 is skipped because some gateways read it as unset. */
    public static Supplier<Long> sequenceCounter() {
        AtomicLong counter = new AtomicLong();
        return () -> counter.updateAndGet(v -> v >= 0xFFFF_FFFFL ? 1 : v + 1);
    }

    /** The sender of an MO in canonical form ("8613800138000" becomes "13800138000"); unparsable input as sent. */
    public static String moPhone(String raw) {
        return PhoneNumbers.parse(raw).number().map(PhoneNumber::value).orElse(raw);
    }

    /** MO text without its UDH; binary content as hex, so that nothing is lost. */
    public static String moText(MessageContent content) {
        return content.isText() ? content.text() : content.userData().toHex();
    }

    /**
     * An MO a DELIVER brought: the sender in canonical form, the text without its UDH, the carrier's LinkID
     * ({@code carrierLinkId}, null where the protocol has none) and the part's place when it is one part of a long
     * message.
     */
    public static MoPart mo(LinkSettings settings, String rawSender, String destination, MessageContent content,
                            String carrierMessageId, String carrierLinkId) {
        MoMessage message = InboundValues.mo(moPhone(rawSender), destination, moText(content), settings.carrier(),
                settings.id(), Instant.now(), carrierMessageId, carrierLinkId);
        return new MoPart(message, content.concatenation().orElse(null));
    }

    /** The LinkID a part sends back: its MO's, where it replies to one that had a LinkID the field can hold; else "". */
    public static String carrierLinkIdOf(OutboundSubmit part) {
        String linkId = InboundValues.carrierLinkId(part.carrierLinkId());
        return linkId == null ? "" : linkId;
    }
}
