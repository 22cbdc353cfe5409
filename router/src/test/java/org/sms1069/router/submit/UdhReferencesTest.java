package org.sms1069.router.submit;

import org.junit.jupiter.api.Test;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestRedis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** References against the real Redis: a message keeps its reference, the phone's next long message gets the next one. */
class UdhReferencesTest {
    private final UdhReferences references = new UdhReferences(TestRedis.async(), Duration.ofMinutes(1));

    @Test
    void aMessageKeepsItsReferenceAndTheNextMessageToThePhoneGetsAnother() throws Exception {
        String phone = TestInfra.unique("udh-phone");
        int first = reference(phone, TestInfra.unique("m"));
        String second = TestInfra.unique("m");
        int next = reference(phone, second);

        assertThat(first).isEqualTo(2);
        assertThat(next).isEqualTo(3);
        assertThat(reference(phone, second)).as("redelivered").isEqualTo(next);
        assertThat(TestRedis.sync().ttl("sms:udh:" + phone)).isPositive();
    }

    private int reference(String phone, String messageId) throws Exception {
        return references.referenceFor(phone, messageId).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
