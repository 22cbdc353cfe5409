package org.sms1069.api.compliance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param rulesDirectory where reloadable rule files live (lexicon, patterns, variants, settings);
 *                       empty means the rules shipped in the content-filter jar
 * @param retention      how long the compliance log keeps blocked messages
 */
@ConfigurationProperties("sms.compliance")
public record FilterProperties(Path rulesDirectory, @DefaultValue("180d") Duration retention) {
}
