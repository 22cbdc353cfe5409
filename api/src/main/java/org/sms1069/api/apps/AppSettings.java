package org.sms1069.api.apps;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * What an app may send and how much. Every field of an update is optional: null keeps the current value.
 *
 * @param textAllowed     free text besides approved templates (still checked by the content filter)
 * @param dailyQuota      messages per day (Asia/Shanghai day) for the whole app
 * @param verifyPerMinute verification codes per phone per minute; likewise per hour and per day
 * @param codeAlphabet    characters of generated verification codes
 * @param callbackUrl     where statuses and replies are POSTed; an explicit {@code null} (read as "") removes it
 * @param linkDomains     filed domains that approved templates may link to
 */
public record AppSettings(
        Boolean textAllowed,
        @Min(0) Integer dailyQuota,
        @Min(1) @Max(100) Integer verifyPerMinute,
        @Min(1) @Max(1000) Integer verifyPerHour,
        @Min(1) @Max(10_000) Integer verifyPerDay,
        @Min(4) @Max(8) Integer codeLength,
        @Size(min = 2, max = 64) @Pattern(regexp = "[0-9A-Za-z]+", message = "must be letters and digits") String codeAlphabet,
        @Min(60) @Max(3600) Integer codeTtlSeconds,
        @JsonDeserialize(using = NullMeansRemove.class) @Size(max = 500)
        @Pattern(regexp = "(https?://.+)?", message = "must be an http(s) URL, or null to remove it") String callbackUrl,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9.-]+\\.[a-z]{2,}", message = "must be a lower-case domain name") String> linkDomains) {

    public static final AppSettings DEFAULTS = new AppSettings(false, 10_000, 1, 5, 10, 6, "0123456789", 300, null, List.of());

    /** This update's values where given, the current ones elsewhere. */
    public AppSettings over(AppSettings current) {
        return new AppSettings(
                textAllowed != null ? textAllowed : current.textAllowed,
                dailyQuota != null ? dailyQuota : current.dailyQuota,
                verifyPerMinute != null ? verifyPerMinute : current.verifyPerMinute,
                verifyPerHour != null ? verifyPerHour : current.verifyPerHour,
                verifyPerDay != null ? verifyPerDay : current.verifyPerDay,
                codeLength != null ? codeLength : current.codeLength,
                codeAlphabet != null ? codeAlphabet : current.codeAlphabet,
                codeTtlSeconds != null ? codeTtlSeconds : current.codeTtlSeconds,
                callbackUrl != null ? (callbackUrl.isBlank() ? null : callbackUrl) : current.callbackUrl,
                linkDomains != null ? List.copyOf(linkDomains) : current.linkDomains);
    }
}
