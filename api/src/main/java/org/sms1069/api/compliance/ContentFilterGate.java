package org.sms1069.api.compliance;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.api.apps.App;
import org.sms1069.api.auth.NonceClaim;
import org.sms1069.api.catalog.CatalogService;
import org.sms1069.api.catalog.ReviewStatus;
import org.sms1069.api.catalog.Template;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.store.ComposedMessage;
import org.sms1069.api.gate.ContentGate;
import org.sms1069.filter.AppContext;
import org.sms1069.filter.FilterMessage;
import org.sms1069.filter.Verdict;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every send passes the content filter before it is accepted. A BLOCK answers 422 with the category,
 * rule ids, reason and matched spans, and goes to the compliance log through {@code sms.blocked}
 * — unless a reviewer already judged this exact text a false positive for the app.
 */
@Component
public class ContentFilterGate implements ContentGate {
    private final FilterRules rules;
    private final CatalogService catalog;
    private final BlockedLog log;
    private final AllowList allowList;
    private final MeterRegistry meters;

    public ContentFilterGate(FilterRules rules, CatalogService catalog, BlockedLog log, AllowList allowList, MeterRegistry meters) {
        this.rules = rules;
        this.catalog = catalog;
        this.log = log;
        this.allowList = allowList;
        this.meters = meters;
    }

    @Override
    public Mono<Void> check(App app, ComposedMessage message, List<String> phones) {
        return context(app, message)
                .map(context -> rules.filter().check(new FilterMessage(message.text(), message.type(), context)))
                .flatMap(verdict -> {
                    meters.counter("sms_api_filter_verdicts_total", "decision", verdict.decision().name(),
                            "category", verdict.category() == null ? "NONE" : verdict.category().name()).increment();
                    if (!verdict.blocked()) {
                        return Mono.empty();
                    }
                    return allowList.allows(app.id(), message).flatMap(allowed -> allowed
                            ? Mono.<Void>fromRunnable(() -> meters.counter("sms_api_filter_allowlisted_total").increment())
                            // a replayed request must not log the blocked text again: its nonce first
                            : NonceClaim.ensureCurrent()
                                    .then(log.publish(app, message, phones, verdict, rules.filter().current().rulesVersion()))
                                    .then(Mono.error(blocked(verdict))));
                });
    }

    /**
     * A template send is checked against that template; free text against the app's signatures only. The check
     * runs on the thread that has the context (a check takes microseconds, docs/benchmarks.md "Content filter").
     */
    private Mono<AppContext> context(App app, ComposedMessage message) {
        Mono<List<String>> templates = message.templateId() == null ? Mono.just(List.of())
                : catalog.cachedTemplate(message.templateId()).filter(t -> t.status() == ReviewStatus.APPROVED)
                        .map(Template::content).map(List::of).defaultIfEmpty(List.of());
        return catalog.approvedSignatures(app.id())
                .zipWith(templates, (signatures, approved) -> new AppContext(Set.copyOf(signatures), approved,
                        Set.copyOf(app.settings().linkDomains())));
    }

    private static ApiException blocked(Verdict verdict) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", verdict.category().name());
        details.put("ruleIds", verdict.ruleIds());
        details.put("reason", verdict.reason());
        details.put("spans", verdict.spans());
        return new ApiException(ErrorCode.CONTENT_BLOCKED, "the content filter blocked this message ("
                + verdict.category() + "): " + verdict.reason(), details);
    }
}
