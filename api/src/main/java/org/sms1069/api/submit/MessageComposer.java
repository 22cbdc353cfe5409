package org.sms1069.api.submit;

import org.sms1069.api.store.ComposedMessage;
import org.sms1069.api.apps.App;
import org.sms1069.api.catalog.CatalogService;
import org.sms1069.api.catalog.ReviewStatus;
import org.sms1069.api.catalog.Signatures;
import org.sms1069.api.catalog.Template;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.model.MessageType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Builds the final text from an approved template or allowed free text, behind an approved signature. */
@Component
public class MessageComposer {
    private final CatalogService catalog;

    public MessageComposer(CatalogService catalog) {
        this.catalog = catalog;
    }

    public Mono<ComposedMessage> compose(App app, SendRequest request) {
        boolean hasTemplate = request.templateId() != null && !request.templateId().isBlank();
        boolean hasText = request.text() != null && !request.text().isBlank();
        if (hasTemplate == hasText) {
            return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED, "give either templateId (with params) or text"));
        }
        return hasTemplate ? fromTemplate(app, request) : fromText(app, request);
    }

    private Mono<ComposedMessage> fromTemplate(App app, SendRequest request) {
        return catalog.cachedTemplate(request.templateId())
                .filter(t -> t.appId().equals(app.id()))
                .switchIfEmpty(Mono.error(new ApiException(ErrorCode.NOT_FOUND, "no template " + request.templateId() + " for this app")))
                .flatMap(template -> {
                    if (template.status() != ReviewStatus.APPROVED) {
                        return Mono.error(new ApiException(ErrorCode.TEMPLATE_NOT_APPROVED,
                                "template " + template.id() + " is " + template.status() + ", not APPROVED"));
                    }
                    if (request.type() != null && request.type() != template.type()) {
                        return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED,
                                "template " + template.id() + " is a " + template.type() + " template, not " + request.type()));
                    }
                    Map<String, String> params = request.params() == null ? Map.of() : request.params();
                    String body;
                    try {
                        body = template.text().render(params);
                    } catch (IllegalArgumentException e) {
                        return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED, e.getMessage()));
                    }
                    return signed(app, request.signature(), body, template.type(), template, params);
                });
    }

    private Mono<ComposedMessage> fromText(App app, SendRequest request) {
        if (!app.settings().textAllowed()) {
            return Mono.error(new ApiException(ErrorCode.TEXT_NOT_ALLOWED,
                    "this app may send approved templates only (templateId + params)"));
        }
        if (request.type() == null) {
            return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED,
                    "type is required with text: VERIFICATION, NOTIFICATION, REMINDER or PUBLIC_WELFARE"));
        }
        String text = request.text().strip();
        String signature = request.signature();
        var leading = Signatures.leading(text);
        if (leading.isPresent()) {
            if (signature != null && !signature.equals(leading.get())) {
                return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED,
                        "the text starts with signature 【" + leading.get() + "】 but signature is " + signature));
            }
            signature = leading.get();
            text = text.substring(Signatures.bracket(signature).length());
        }
        return signed(app, signature, text, request.type(), null, Map.of());
    }

    private Mono<ComposedMessage> signed(App app, String signature, String body, MessageType type, Template template,
                                         Map<String, String> params) {
        if (signature == null || signature.isBlank()) {
            return Mono.error(new ApiException(ErrorCode.VALIDATION_FAILED,
                    "signature is required: give it, or start the text with 【signature】"));
        }
        String name = signature;
        return catalog.isApprovedSignature(app.id(), name).flatMap(approved -> approved
                ? Mono.just(new ComposedMessage(Signatures.bracket(name) + body, type, name,
                        template == null ? null : template.id(), params))
                : Mono.error(new ApiException(ErrorCode.SIGNATURE_NOT_APPROVED,
                        "signature 【" + name + "】 is not an approved signature of this app")));
    }
}
