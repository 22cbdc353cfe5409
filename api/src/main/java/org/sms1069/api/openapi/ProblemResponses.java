package org.sms1069.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.error.MayAnswer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Declares on every operation the problem+json answers it can give, derived from what the endpoint is, so an
 * endpoint added later gets them too: a signed path (/v1, /admin, /compliance) answers 401, 403, 400 (a query
 * that is not valid percent-encoding) and 503; a JSON body 400, 413 and 415; a query or path parameter 400; a
 * path variable 404; an Idempotency-Key 409; and whatever the handler names with {@link MayAnswer}.
 * Each answer carries the Problem schema and an example per code; 429 and 503 a Retry-After header.
 */
@Component
public class ProblemResponses implements OperationCustomizer {
    static final String SCHEMA = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> SIGNED_PREFIXES = List.of("/v1/", "/admin/", "/compliance/");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Map<Integer, List<ErrorCode>> byStatus = codes(handler).stream()
                .collect(Collectors.groupingBy(code -> code.status().value(), TreeMap::new, Collectors.toList()));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, codes) -> responses.putIfAbsent(String.valueOf(status), response(codes)));
        return operation.responses(responses);
    }

    static Set<ErrorCode> codes(HandlerMethod handler) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        if (paths(handler).stream().anyMatch(path -> SIGNED_PREFIXES.stream().anyMatch(path::startsWith))) {
            codes.addAll(List.of(ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.MALFORMED_REQUEST, ErrorCode.UNAVAILABLE));
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                codes.addAll(List.of(ErrorCode.MALFORMED_REQUEST, ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE,
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE));
            }
            if (parameter.hasParameterAnnotation(RequestParam.class) || parameter.hasParameterAnnotation(PathVariable.class)) {
                codes.add(ErrorCode.VALIDATION_FAILED);
            }
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                codes.add(ErrorCode.NOT_FOUND);
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null && "Idempotency-Key".equalsIgnoreCase(header.name().isEmpty() ? header.value() : header.name())) {
                codes.add(ErrorCode.CONFLICT);
            }
        }
        MayAnswer declared = handler.getMethodAnnotation(MayAnswer.class);
        if (declared != null) {
            codes.addAll(Arrays.asList(declared.value()));
        }
        return codes;
    }

    private static List<String> paths(HandlerMethod handler) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        String prefix = type == null || type.path().length == 0 ? "" : type.path()[0];
        return method == null ? List.of(prefix) : Arrays.stream(method.path()).map(path -> prefix + path).toList();
    }

    private static ApiResponse response(List<ErrorCode> codes) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA));
        for (ErrorCode code : codes) {
            media.addExamples(code.name(), new Example().$ref("#/components/examples/" + code.name()));
        }
        ApiResponse response = new ApiResponse()
                .description(codes.stream().map(code -> code.name() + " (" + code.title() + ")").collect(Collectors.joining(", ")))
                .content(new Content().addMediaType(PROBLEM_JSON, media));
        if (codes.contains(ErrorCode.RATE_LIMITED) || codes.contains(ErrorCode.UNAVAILABLE)) {
            response.addHeaderObject("Retry-After", new Header().description("seconds to wait before trying again")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    /** The Problem schema and one example per error code, for the document's components. */
    static void addTo(Components components) {
        components.addSchemas(SCHEMA, new ObjectSchema()
                .description("RFC 9457 problem details with the stable code; some codes add members "
                        + "(errors, limit, retryAfterSeconds, rejected, category, ruleIds, reason, spans)")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList()))
                .required(List.of("type", "title", "status", "code"))
                .additionalProperties(true));
        for (ErrorCode code : ErrorCode.values()) {
            components.addExamples(code.name(), ProblemExamples.of(code));
        }
    }
}
