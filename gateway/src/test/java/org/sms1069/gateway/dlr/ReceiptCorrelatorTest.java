package org.sms1069.gateway.dlr;

import org.sms1069.gateway.link.Receipt;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.json.SmsJson;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestRedis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real Redis; each test has its own carrier-account scope, so runs never see each other's keys. */
class ReceiptCorrelatorTest {
    private static final String PHONE = "13800138000";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ReceiptCorrelator correlator;
    private String scope;

    @BeforeEach
    void setUp() {
        correlator = new ReceiptCorrelator(TestRedis.async(), Duration.ofMinutes(10), meters);
        scope = TestInfra.unique("acct") + "@127.0.0.1:7890";
    }

    @Test
    void registeredPartIsFoundByItsReceipt() throws Exception {
        Correlation part = correlation("m-1", "1A2B3C");

        assertThat(get(correlator.register(scope, part, false).toCompletableFuture())).isEmpty();

        assertThat(get(correlator.match(receipt("1A2B3C", "DELIVRD")).toCompletableFuture())).contains(part);
        assertThat(unmatchedCount()).isZero();
    }

    @Test
    void receiptPrintingTheIdInDecimalMatchesAHexRegistration() throws Exception {
        Correlation part = correlation("m-2", "00000000001a2b3c");
        get(correlator.register(scope, part, false).toCompletableFuture());

        assertThat(get(correlator.match(receipt("1715004", "DELIVRD")).toCompletableFuture())).contains(part);
    }

    @Test
    void receiptsAreKeptApartByCarrierAccount() throws Exception {
        get(correlator.register(scope, correlation("m-3", "ABCDEF"), false).toCompletableFuture());

        Receipt otherAccount = new Receipt("link-2", TestInfra.unique("other") + "@127.0.0.1:7890", "ABCDEF", PHONE, "DELIVRD",
                null, Instant.now());
        assertThat(get(correlator.match(otherAccount).toCompletableFuture())).isEmpty();
    }

    @Test
    void earlyReceiptIsParkedCountedAndHandedToTheLaterRegistration() throws Exception {
        Receipt early = receipt("9F00AA", "DELIVRD");

        assertThat(get(correlator.match(early).toCompletableFuture())).isEmpty();
        assertThat(unmatchedCount()).isEqualTo(1);

        Optional<Receipt> claimed = get(correlator.register(scope, correlation("m-4", "9f00aa"), false).toCompletableFuture());
        assertThat(claimed).contains(early);
        assertThat(meters.counter("sms_receipts_early_total").count()).isEqualTo(1);

        // handed over once: no form of the id finds the orphan any more, and it is off the unmatched list
        assertThat(get(correlator.register(scope, correlation("m-4", "9F00AA"), false).toCompletableFuture())).isEmpty();
        assertThat(get(correlator.register(scope, correlation("m-4", "10420394"), false).toCompletableFuture())).isEmpty();
        assertThat(TestRedis.sync().lrange(ReceiptCorrelator.UNMATCHED_LIST, 0, -1))
                .noneSatisfy(json -> assertThat(json).contains(scope));
    }

    @Test
    void earlyReceiptRacingItsRegistrationIsDeliveredExactlyOnce() throws Exception {
        for (int i = 0; i < 50; i++) {
            String id = "RACE" + i;
            Receipt receipt = receipt(id, "DELIVRD");
            CompletableFuture<Optional<Correlation>> matched = correlator.match(receipt).toCompletableFuture();
            CompletableFuture<Optional<Receipt>> claimed = correlator.register(scope, correlation("m-race-" + i, id), false)
                    .toCompletableFuture();

            int deliveries = (get(matched).isPresent() ? 1 : 0) + (get(claimed).isPresent() ? 1 : 0);
            assertThat(deliveries).as("receipt %s delivered once, by the match or by the registration", id).isEqualTo(1);
        }
    }

    @Test
    void receiptThatMatchesNothingIsListedForInspection() throws Exception {
        String id = "DEAD" + Long.toHexString(System.nanoTime()).toUpperCase();
        Receipt unknown = receipt(id, "UNDELIV");

        assertThat(get(correlator.match(unknown).toCompletableFuture())).isEmpty();

        List<String> listed = TestRedis.sync().lrange(ReceiptCorrelator.UNMATCHED_LIST, 0, 99);
        assertThat(listed).anySatisfy(json ->
                assertThat(SmsJson.read(json.getBytes(StandardCharsets.UTF_8), Receipt.class)).isEqualTo(unknown));
        assertThat(unmatchedCount()).isEqualTo(1);
    }

    @Test
    void recipientsSharingTheCarriersIdAreToldApartByTheirPhone() throws Exception {
        List<String> phones = List.of("13000130001", "13000130002", "13000130003");
        for (String phone : phones) {
            get(correlator.register(scope, correlation("m-" + phone, "3027012345-1128105407-7", phone), true).toCompletableFuture());
        }

        for (String phone : phones) {
            assertThat(get(correlator.match(receipt("3027012345-1128105407-7", "86" + phone, "DELIVRD")).toCompletableFuture()))
                    .get().extracting(Correlation::messageId).isEqualTo("m-" + phone);
        }
        assertThat(get(correlator.match(receipt("3027012345-1128105407-7", null, "DELIVRD")).toCompletableFuture()))
                .as("without a phone, a shared id names nobody").isEmpty();
    }

    @Test
    void earlyReceiptsOfRecipientsSharingAnIdGoToTheirOwnParts() throws Exception {
        String id = "0100611128" + (System.nanoTime() % 10_000_000_000L);
        assertThat(get(correlator.match(receipt(id, "8613000130011", "DELIVRD")).toCompletableFuture())).isEmpty();
        assertThat(get(correlator.match(receipt(id, "8613000130012", "UNDELIV")).toCompletableFuture())).isEmpty();

        Optional<Receipt> second = get(correlator.register(scope, correlation("m-12", id, "13000130012"), true).toCompletableFuture());
        Optional<Receipt> first = get(correlator.register(scope, correlation("m-11", id, "13000130011"), true).toCompletableFuture());

        assertThat(second).get().extracting(Receipt::stat).isEqualTo("UNDELIV");
        assertThat(first).get().extracting(Receipt::stat).isEqualTo("DELIVRD");
    }

    @Test
    void correlationsExpireWithTheirTtl() throws Exception {
        get(correlator.register(scope, correlation("m-5", "77AA"), false).toCompletableFuture());

        List<String> windows = TestRedis.sync().keys("sms:dlr:" + scope + ":*");
        assertThat(windows).hasSize(1);
        // a window of a twelfth of the TTL expires a TTL after it ends
        assertThat(TestRedis.sync().ttl(windows.get(0))).isBetween(1L, 600L + 50L);
    }

    @Test
    void aPartIsFreedWhenItsReceiptComesAndKeptOnlyForTheCarriersRepeats() throws Exception {
        Correlation part = correlation("m-6", "5E5E");
        get(correlator.register(scope, part, false).toCompletableFuture());
        assertThat(get(correlator.waiting(scope).toCompletableFuture())).isEqualTo(1);

        assertThat(get(correlator.match(receipt("5E5E", "DELIVRD")).toCompletableFuture())).contains(part);

        assertThat(get(correlator.waiting(scope).toCompletableFuture())).isZero();
        assertThat(get(correlator.match(receipt("5E5E", "DELIVRD")).toCompletableFuture())).as("the carrier's repeat")
                .contains(part);
        assertThat(TestRedis.sync().keys("sms:dlr-got:" + scope + ":*")).singleElement()
                .satisfies(settled -> assertThat(TestRedis.sync().ttl(settled)).isBetween(1L, 1200L));
    }

    @Test
    void aCorrelationSurvivesTheGatewayRestartingAndCarriesTheOrigin() throws Exception {
        Correlation part = new Correlation("m-7", PHONE, 2, 3, Carrier.CMCC, "link-1", "00000000000ABC",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "4:1234");
        get(correlator.register(scope, part, false).toCompletableFuture());

        ReceiptCorrelator restarted = new ReceiptCorrelator(TestRedis.async(), Duration.ofMinutes(10), meters);
        assertThat(get(restarted.match(receipt("2748", "DELIVRD")).toCompletableFuture())).contains(part);
    }

    private double unmatchedCount() {
        return meters.counter("sms_receipts_unmatched_total", "link", "link-1").count();
    }

    private Correlation correlation(String messageId, String carrierId) {
        return correlation(messageId, carrierId, PHONE);
    }

    private Correlation correlation(String messageId, String carrierId, String phone) {
        return new Correlation(messageId, phone, 1, 1, Carrier.INTL, "link-1", carrierId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private Receipt receipt(String carrierId, String stat) {
        return receipt(carrierId, "86" + PHONE, stat);
    }

    private Receipt receipt(String carrierId, String phone, String stat) {
        return new Receipt("link-1", scope, carrierId, phone, stat, "000", Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }
}
