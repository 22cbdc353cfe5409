package org.sms1069.wire.smgp;

import io.netty.buffer.ByteBuf;
import org.sms1069.wire.codec.FixedStrings;
import org.sms1069.wire.codec.Octets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The optional TLV part of Submit and Deliver, in wire order. Unknown tags are kept, so a PDU survives a
 * decode/encode round trip. TP_udhi is not kept here: it lives in {@code MessageContent.udhi()}.
 */
public record SmgpTlvs(List<SmgpTlv> entries) {

    public static final SmgpTlvs EMPTY = new SmgpTlvs(List.of());

    public SmgpTlvs {
        entries = List.copyOf(entries);
    }

    public static SmgpTlvs of(SmgpTlv... entries) {
        return new SmgpTlvs(List.of(entries));
    }

    public Optional<Octets> find(int tag) {
        return entries.stream().filter(e -> e.tag() == tag).map(SmgpTlv::value).findFirst();
    }

    /** The first byte of a one-byte parameter such as PkTotal. */
    public OptionalInt uint8(int tag) {
        return find(tag).filter(v -> v.length() > 0).map(v -> OptionalInt.of(v.get(0) & 0xFF))
                .orElse(OptionalInt.empty());
    }

    /** A text parameter such as LinkID, NUL padding stripped. */
    public Optional<String> string(int tag) {
        return find(tag).map(v -> FixedStrings.read(v.asBuffer(), v.length()));
    }

    public OptionalInt pkTotal() {
        return uint8(SmgpTlvTags.PK_TOTAL);
    }

    public OptionalInt pkNumber() {
        return uint8(SmgpTlvTags.PK_NUMBER);
    }

    public Optional<String> linkId() {
        return string(SmgpTlvTags.LINK_ID);
    }

    /** This set with {@code tag} set to {@code value}, replacing an earlier entry in place. */
    public SmgpTlvs with(int tag, Octets value) {
        List<SmgpTlv> copy = new ArrayList<>(entries);
        SmgpTlv entry = new SmgpTlv(tag, value);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).tag() == tag) {
                copy.set(i, entry);
                return new SmgpTlvs(copy);
            }
        }
        copy.add(entry);
        return new SmgpTlvs(copy);
    }

    public SmgpTlvs withUint8(int tag, int value) {
        return with(tag, Octets.of((byte) value));
    }

    /** A fixed-width text parameter (LinkID 20, MsgSrc 8, MServiceID 21), NUL padded. */
    public SmgpTlvs withString(int tag, String value, int width) {
        byte[] bytes = new byte[width];
        byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > width) {
            throw new IllegalArgumentException("TLV " + tag + " holds " + width + " bytes");
        }
        System.arraycopy(ascii, 0, bytes, 0, ascii.length);
        return with(tag, Octets.of(bytes));
    }

    public SmgpTlvs without(int tag) {
        if (find(tag).isEmpty()) {
            return this;
        }
        return new SmgpTlvs(entries.stream().filter(e -> e.tag() != tag).toList());
    }

    public int encodedLength() {
        int length = 0;
        for (SmgpTlv entry : entries) {
            length += entry.encodedLength();
        }
        return length;
    }

    public void writeTo(ByteBuf out) {
        for (SmgpTlv entry : entries) {
            out.writeShort(entry.tag());
            out.writeShort(entry.value().length());
            entry.value().writeTo(out);
        }
    }

    /**
     * Reads TLVs to the end of the frame. Liberal: a trailing fragment too short for a TLV, or a last TLV whose
     * length runs past the frame, ends the list instead of failing the whole PDU.
     */
    public static SmgpTlvs read(ByteBuf in) {
        List<SmgpTlv> entries = new ArrayList<>();
        while (in.readableBytes() >= 4) {
            int tag = in.readUnsignedShort();
            int length = in.readUnsignedShort();
            if (length > in.readableBytes()) {
                break;
            }
            entries.add(new SmgpTlv(tag, Octets.read(in, length)));
        }
        in.skipBytes(in.readableBytes());
        return entries.isEmpty() ? EMPTY : new SmgpTlvs(entries);
    }
}
