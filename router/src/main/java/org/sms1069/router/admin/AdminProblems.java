package org.sms1069.router.admin;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.concurrent.TimeoutException;

/**
 * Redis unreachable or not answering within {@link PortabilityController#REDIS_TIMEOUT} while an admin
 * request runs: {@code 503} problem+json with {@code Retry-After}, not a 500 (malformed requests are
 * Spring's problem+json 4xx, {@code spring.webflux.problemdetails.enabled}).
 */
@RestControllerAdvice(assignableTypes = PortabilityController.class)
class AdminProblems {
    private static final Logger log = LoggerFactory.getLogger(AdminProblems.class);
    static final long RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler({RedisException.class, TimeoutException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception error) throws Exception {
        if (error instanceof RedisCommandExecutionException) {
            throw error;
        }
        log.warn("admin request failed, Redis unavailable: {}", error.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Redis is unavailable; retry later");
        problem.setProperty("code", "UNAVAILABLE");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)).body(problem);
    }
}
