package org.sms1069.api.compliance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.ReloadableContentFilter;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.lexicon.RuleSetLoader;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** The content filter the api checks sends with; its rules reload without a restart. */
@Component
public class FilterRules {
    private static final Logger log = LoggerFactory.getLogger(FilterRules.class);

    private final FilterProperties properties;
    private final Clock clock;
    private final ReloadableContentFilter filter;

    public FilterRules(FilterProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.filter = new ReloadableContentFilter(ContentFilter.load(load()));
        log.info("content filter rules {} loaded", filter.current().rulesVersion());
    }

    public ReloadableContentFilter filter() {
        return filter;
    }

    /** Reads the rules again; rules that fail to load leave the running ones in place (and the error is thrown). */
    public String reload() {
        ContentFilter next = filter.reload(load());
        log.info("content filter rules {} reloaded", next.rulesVersion());
        return next.rulesVersion();
    }

    private RuleSet load() {
        if (properties.rulesDirectory() == null) {
            return RuleSet.defaults();
        }
        return RuleSetLoader.fromDirectory(properties.rulesDirectory(), "dir@" + clock.instant());
    }
}
