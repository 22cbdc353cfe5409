package org.sms1069.api.error;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint answers beyond those every endpoint of its kind does (signed, with a body, with a
 * path variable: see {@code org.sms1069.api.openapi.ProblemResponses}), for the OpenAPI document.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MayAnswer {
    ErrorCode[] value();
}
