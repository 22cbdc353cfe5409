package org.sms1069.api.error;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.R2dbcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.logging.RequestLogContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place errors become responses: RFC 9457 problem+json with a stable {@code code}, for
 * controllers and filters alike. Client mistakes are 4xx with a precise message; anything unexpected
 * is a 500 without internals, logged with its stack trace.
 */
@Component
@Order(-2)
public class ProblemHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ObjectMapper json;
    private final MeterRegistry meters;

    public ProblemHandler(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ApiException problem = toApiException(error);
        meters.counter("sms_api_errors_total", "code", problem.code().name()).increment();
        return RequestLogContext.restored(() -> {
            if (problem.code() == ErrorCode.UNAVAILABLE && !(error instanceof ApiException)) {
                log.warn("dependency unavailable on {} {}: {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error.toString());
            } else if (problem.code() == ErrorCode.INTERNAL) {
                log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
            }
            return write(exchange, problem);
        });
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiException problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.code().status(), problem.getMessage());
        detail.setTitle(problem.code().title());
        detail.setType(problem.code().type());
        detail.setInstance(URI.create(exchange.getRequest().getPath().value()));
        detail.setProperty("code", problem.code().name());
        problem.properties().forEach(detail::setProperty);
        byte[] body;
        try {
            body = json.writeValueAsBytes(detail);
        } catch (Exception e) {
            body = ("{\"status\":" + problem.code().status().value() + ",\"code\":\"" + problem.code().name() + "\"}").getBytes();
        }
        var response = exchange.getResponse();
        response.setStatusCode(problem.code().status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.properties().get("retryAfterSeconds") instanceof Number seconds) {
            response.getHeaders().set("Retry-After", String.valueOf(seconds.longValue()));
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static ApiException toApiException(Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof WebExchangeBindException bind) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (FieldError field : bind.getFieldErrors()) {
                fields.putIfAbsent(field.getField(), field.getDefaultMessage());
            }
            bind.getGlobalErrors().forEach(e -> fields.putIfAbsent(e.getObjectName(), e.getDefaultMessage()));
            return new ApiException(ErrorCode.VALIDATION_FAILED, "request fields are invalid: " + fields.keySet(),
                    Map.of("errors", fields));
        }
        if (findCause(error, DataBufferLimitException.class) != null) {
            return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "request body exceeds the size limit");
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
        if (error instanceof MethodNotAllowedException) {
            return new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this path");
        }
        if (error instanceof MissingRequestValueException || error instanceof ServerWebInputException) {
            DecodingException decoding = findCause(error, DecodingException.class);
            String reason = ((ResponseStatusException) error).getReason();
            if (isMissingBody(reason) || (decoding != null && isMissingBody(decoding.getMessage()))) {
                return new ApiException(ErrorCode.MALFORMED_REQUEST, "request body is missing: send a JSON object");
            }
            return new ApiException(ErrorCode.MALFORMED_REQUEST, decoding != null
                    ? "body is not valid JSON for this request: " + jsonProblem(decoding) : firstLine(reason));
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return new ApiException(ErrorCode.NOT_FOUND, "no such resource");
            }
            if (code == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
                // a body without Content-Type gets a plain ResponseStatusException, not the subclass
                return new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
            }
            if (code != null && code.is4xxClientError()) {
                return new ApiException(ErrorCode.MALFORMED_REQUEST, firstLine(status.getReason()));
            }
        }
        R2dbcException database = findCause(error, R2dbcException.class);
        if (database != null && database.getSqlState() != null && database.getSqlState().startsWith("22")) {
            // SQLSTATE class 22, data exception: a value from the request the database cannot hold (NUL, out of range)
            return new ApiException(ErrorCode.VALIDATION_FAILED,
                    "a value of the request cannot be stored: text must not contain the NUL character (U+0000), numbers must be in range");
        }
        if (Outages.isOutage(error)) {
            return Outages.unavailable();
        }
        return new ApiException(ErrorCode.INTERNAL, "the request could not be completed; it is safe to retry");
    }

    /** Spring's text names the controller method; the client needs only to know the body is missing. */
    private static boolean isMissingBody(String reason) {
        return reason != null && reason.startsWith("No request body");
    }

    /** What is wrong with the body in the client's terms: the field and what it must be, never our Java types. */
    private static String jsonProblem(Throwable decoding) {
        StreamConstraintsException limit = findCause(decoding, StreamConstraintsException.class);
        if (limit != null) {
            return "nesting depth, number or string length exceeds the parser's limits";
        }
        // checked before mapping errors: a syntax error inside a field arrives wrapped in one
        StreamReadException syntax = findCause(decoding, StreamReadException.class);
        if (syntax != null) {
            String utf8 = String.valueOf(syntax.getOriginalMessage()).contains("UTF-8") ? " (invalid UTF-8)" : "";
            return syntax.getLocation() == null ? "syntax error" + utf8 : "syntax error at line "
                    + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr() + utf8;
        }
        JsonMappingException mapping = findCause(decoding, JsonMappingException.class);
        if (mapping != null) {
            if (mapping.getPath().isEmpty()) {
                return "the body must be a JSON object";
            }
            String field = fieldPath(mapping.getPath());
            if (mapping instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                return "field " + field + " must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
            }
            return "field " + field + " has the wrong type or format";
        }
        return "syntax error";
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "malformed request";
        }
        String line = text.lines().findFirst().orElse(text);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
