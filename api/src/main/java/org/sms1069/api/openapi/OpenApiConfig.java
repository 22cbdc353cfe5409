package org.sms1069.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui.html), generated from the controllers. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI smsOpenApi() {
        String signing = "Every request under /v1, /admin and /compliance carries X-Sms-Key-Id, X-Sms-Timestamp, "
                + "X-Sms-Nonce, X-Sms-Signature and X-Sms-Signature-Version: 2; the signature is lower-case hex HMAC-SHA256 "
                + "with the key secret over 'SMS-HMAC-SHA256-2\\nMETHOD\\nPATH\\nCANONICAL_QUERY\\nTIMESTAMP\\nNONCE\\n"
                + "IDEMPOTENCY_KEY\\nhex(SHA-256(body))'. See the README (also for version 1).";
        return new OpenAPI()
                .info(new Info().title("1069 SMS platform API").version("v1")
                        .description("Verification codes, notifications, reminders and public-welfare messages through one 1069 number. "
                                + signing))
                .components(components(signing))
                .addSecurityItem(new SecurityRequirement().addList("hmac"));
    }

    private static Components components(String signing) {
        Components components = new Components().addSecuritySchemes("hmac", new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-Sms-Signature")
                .description(signing));
        ProblemResponses.addTo(components);
        return components;
    }
}
