package org.sms1069.filter;

import java.util.List;
import org.sms1069.filter.normalize.NormalizedMessage;
import org.sms1069.filter.rules.CodeFinder;
import org.sms1069.model.MessageType;

/**
 * The type of a message whose sender did not declare one (evaluation files): VERIFICATION when
 * it names a code (验证码, 校验码, 动态码, 注册码, verification code ...) and carries something
 * that looks like one, else NOTIFICATION. Reminders and public-welfare messages follow the
 * same rules as notifications, so nothing is lost by not telling them apart.
 */
public final class MessageTypeInference {

    private static final List<String> CODE_WORDS = List.of(
            "验证码", "校验码", "动态码", "注册码", "确认码", "动态密码", "短信密码", "verificationcode", "securitycode", "otp");

    private final CodeFinder codes;

    public MessageTypeInference(CodeFinder codes) {
        this.codes = codes;
    }

    public MessageType infer(NormalizedMessage text) {
        if (namesACode(text.compact().text()) && !codes.find(text.original(), text.folded().text()).isEmpty()) {
            return MessageType.VERIFICATION;
        }
        return MessageType.NOTIFICATION;
    }

    private static boolean namesACode(String compact) {
        for (String word : CODE_WORDS) {
            if (compact.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
