package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reviewers' console (api, /console/) in headless Chromium over the whole platform: sign in with a
 * reviewer key (every call signed in the browser), filter the compliance log, see the matched span
 * highlighted, mark a block as a false positive, approve a template, see decided items and their history,
 * remove an allow-list entry, export the log, see complaints, lift a suspension, read the audit trail; the
 * API confirms each verdict.
 * Needs Debian's chromium and chromium-driver (deploy/test.sh installs them); skipped without them.
 */
class ComplianceConsoleTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration UI_WAIT = Duration.ofSeconds(20);
    private static final String MARKETING = "【示例科技】双11大促全场5折，点击 t.cn/abc 领取优惠券，回T退订";

    private static Platform platform;
    private static SignedClient app;
    private static String appId;
    private static String reviewerKeyId;
    private static String reviewerSecret;
    private static SignedClient reviewer;
    private static Path profile;
    private static Path downloads;
    private static ChromeDriverService driverService;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        platform = new Platform(Duration.ofMillis(100));
        app = platform.onboardApp("Console", "73", "示例科技");
        appId = app.get("/v1/signatures").body().get(0).get("appId").asText();
        SignedClient.Response key = platform.admin().post("/admin/v1/reviewers", Map.of());
        assertThat(key.status()).as(key.body().toString()).isEqualTo(201);
        reviewerKeyId = key.body().get("keyId").asText();
        reviewerSecret = key.body().get("keySecret").asText();
        reviewer = new SignedClient(platform.apiUrl(), reviewerKeyId, reviewerSecret);
        browser = startChromium();
    }

    /** Debian's browser and driver, named explicitly, so Selenium Manager has nothing to look up or download. */
    private static WebDriver startChromium() throws IOException {
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("console-chromium-");
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-proxy-server", "--window-size=1600,1200", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        downloads = Files.createDirectories(profile.resolve("downloads"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        return new ChromeDriver(driverService, options);
    }

    /** The page as the test left it (target/console-screenshots/) and the browser's console, for a failed run. */
    @AfterEach
    void keepTheEvidence(TestInfo test) {
        if (browser == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "console-screenshots"));
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, dir.resolve(test.getTestMethod().map(m -> m.getName()).orElse("test") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.out.println("[chromium] no screenshot: " + e.getMessage());
        }
        try {
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                System.out.println("[chromium console] " + entry.getLevel() + " " + entry.getMessage());
            }
        } catch (RuntimeException e) {
            System.out.println("[chromium console] not available: " + e.getMessage());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void reviewerFiltersTheLogSeesTheMatchAndMarksAFalsePositive() {
        SignedClient.Response refused = app.post("/v1/messages",
                Map.of("phones", List.of("13800138000"), "text", MARKETING, "type", "NOTIFICATION"));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().get("code").asText()).isEqualTo("CONTENT_BLOCKED");
        SignedClient.Response allowed = app.post("/v1/messages", Map.of("phones", List.of("13800138001"),
                "text", "【示例科技】您的订单已发货，快递单号SF1234567890，请注意查收。", "type", "NOTIFICATION"));
        assertThat(allowed.status()).as(allowed.body().toString()).isEqualTo(202);
        // the filter, not this test, decides whether a phishing-style short link makes it PROHIBITED
        String category = refused.body().get("category").asText();
        String otherCategory = category.equals("FORMAT") ? "PROHIBITED" : "FORMAT";
        JsonNode logged = awaitLogEntry(category);
        long id = logged.get("id").asLong();

        signInAsReviewer();

        // nothing of this app is in the other category: the filter empties the table ...
        new Select(byId("filter-category")).selectByValue(otherCategory);
        byId("filter-app").sendKeys(appId);
        byId("filter-submit").click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("blocked-empty")));
        assertThat(browser.findElements(By.cssSelector("[data-testid='blocked-entry']"))).isEmpty();

        // ... and the block's own category brings it back; Chinese in the query is signed as decoded
        new Select(byId("filter-category")).selectByValue(category);
        byId("filter-q").sendKeys("双11");
        byId("filter-submit").click();
        WebElement row = waitFor().until(ExpectedConditions.visibilityOfElementLocated(entryRow(id)));
        assertThat(row.findElement(By.cssSelector("[data-testid='entry-text']")).getText()).isEqualTo(MARKETING);
        assertThat(row.findElement(By.cssSelector("[data-testid='entry-app']")).getText()).isEqualTo(appId);
        assertThat(row.findElement(By.cssSelector("[data-testid='entry-phones']")).getText()).isEqualTo("138****8000");
        assertThat(row.findElement(By.cssSelector("[data-testid='entry-category']")).getText()).isEqualTo(category);
        assertThat(row.findElement(By.cssSelector("[data-testid='review-state']")).getText()).isEqualTo("UNREVIEWED");
        assertThat(row.findElement(By.cssSelector("[data-testid='entry-model-version']")).getText())
                .contains(logged.get("modelVersion").asText());
        assertThat(row.findElement(By.cssSelector("[data-testid='entry-model-score']")).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", logged.get("marketingScore").asDouble()));
        List<String> marked = row.findElements(By.cssSelector("mark[data-testid='span']")).stream().map(WebElement::getText).toList();
        assertThat(marked).isNotEmpty();
        logged.get("spans").forEach(span ->
                assertThat(marked).anySatisfy(mark -> assertThat(mark).contains(span.get("matched").asText())));

        String comment = "客户自有会员活动，已向运营商报备";
        row.findElement(By.cssSelector("[data-testid='review-comment']")).sendKeys(comment);
        row.findElement(By.cssSelector("[data-testid='false-positive']")).click();
        waitFor().until(ExpectedConditions.textToBe(
                By.cssSelector("tr[data-entry-id='" + id + "'] [data-testid='review-state']"), "FALSE_POSITIVE"));
        assertThat(statusLine()).contains("FALSE_POSITIVE");
        assertThat(byCss("tr[data-entry-id='" + id + "'] [data-testid='review-note']").getText()).contains(comment);

        JsonNode reviewed = findEntry("/compliance/v1/blocked?appId=" + appId + "&reviewState=FALSE_POSITIVE", id);
        assertThat(reviewed.get("reviewState").asText()).isEqualTo("FALSE_POSITIVE");
        assertThat(reviewed.get("reviewComment").asText()).isEqualTo(comment);
        assertThat(reviewed.get("reviewedBy").asText()).isEqualTo(reviewerKeyId);
    }

    @Test
    void reviewerApprovesAPendingTemplateFromTheQueue() {
        SignedClient.Response created = platform.admin().post("/admin/v1/apps/" + appId + "/templates",
                Map.of("name", "发货通知", "type", "NOTIFICATION", "content", "您的订单${orderNo}已发货，请注意查收。"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String templateId = created.body().get("id").asText();

        signInAsReviewer();
        byId("tab-queue").click();
        By templateRow = By.cssSelector("tr[data-testid='template-row'][data-template-id='" + templateId + "']");
        WebElement row = waitFor().until(ExpectedConditions.visibilityOfElementLocated(templateRow));
        assertThat(row.findElement(By.cssSelector("[data-testid='template-content']")).getText())
                .isEqualTo("您的订单${orderNo}已发货，请注意查收。");
        String comment = "通知类模板，变量仅为订单号";
        row.findElement(By.cssSelector("[data-testid='queue-comment']")).sendKeys(comment);
        row.findElement(By.cssSelector("[data-testid='approve']")).click();
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(templateRow));
        assertThat(statusLine()).contains(templateId).contains("APPROVED");

        JsonNode template = null;
        for (JsonNode candidate : app.get("/v1/templates").body()) {
            if (candidate.get("id").asText().equals(templateId)) {
                template = candidate;
            }
        }
        assertThat(template).as("template %s in GET /v1/templates", templateId).isNotNull();
        assertThat(template.get("status").asText()).isEqualTo("APPROVED");
        assertThat(template.get("reviewNote").asText()).isEqualTo(comment);
    }

    @Test
    void aWrongSecretIsRefusedAndTheReasonShown() {
        browser.get(platform.apiUrl() + "/console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/");
        signIn(reviewerKeyId, reviewerSecret + "-wrong");
        waitFor().until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("Sign-in failed")));
        assertThat(statusLine()).contains("signature does not match").contains("UNAUTHENTICATED");
        assertThat(byId("console-view").isDisplayed()).isFalse();
        assertThat(byId("login-view").isDisplayed()).isTrue();
    }

    @Test
    void reviewerSeesADecidedTemplateWithTheHistoryOfItsReviews() {
        SignedClient.Response created = platform.admin().post("/admin/v1/apps/" + appId + "/templates",
                Map.of("name", "账单提醒", "type", "REMINDER", "content", "您的账单${amount}元将于${date}到期。"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String templateId = created.body().get("id").asText();
        assertThat(reviewer.post("/compliance/v1/templates/" + templateId + "/review", Map.of("decision", "APPROVED")).status())
                .isEqualTo(200);
        assertThat(reviewer.post("/compliance/v1/templates/" + templateId + "/review",
                Map.of("decision", "REJECTED", "comment", "到期提醒不得带金额变量")).status()).isEqualTo(200);

        signInAsReviewer();
        byId("tab-queue").click();
        new Select(byId("queue-status")).selectByValue("REJECTED");
        By templateRow = By.cssSelector("tr[data-testid='template-row'][data-template-id='" + templateId + "']");
        WebElement row = waitFor().until(ExpectedConditions.visibilityOfElementLocated(templateRow));
        assertThat(row.findElement(By.cssSelector("[data-testid='queue-decision']")).getText())
                .isEqualTo("REJECTED: 到期提醒不得带金额变量");
        row.findElement(By.cssSelector("[data-testid='history']")).click();

        waitFor().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid='history-entry']"), 2));
        List<WebElement> entries = browser.findElements(By.cssSelector("[data-testid='history-entry']"));
        assertThat(entries.get(0).findElement(By.cssSelector("[data-testid='audit-before']")).getText()).contains("status=APPROVED");
        assertThat(entries.get(0).findElement(By.cssSelector("[data-testid='audit-after']")).getText()).contains("status=REJECTED");
        assertThat(entries.get(0).findElement(By.cssSelector("[data-testid='audit-comment']")).getText()).isEqualTo("到期提醒不得带金额变量");
        assertThat(entries.get(1).findElement(By.cssSelector("[data-testid='audit-before']")).getText()).contains("status=PENDING");
        assertThat(entries).allSatisfy(entry ->
                assertThat(entry.findElement(By.cssSelector("[data-testid='audit-actor']")).getText()).isEqualTo(reviewerKeyId));
    }

    @Test
    void reviewerRemovesAFalsePositiveFromTheAllowListAndExportsTheLog() throws Exception {
        String text = "【示例科技】会员日全场8折，领取优惠券，回TD退订";
        SignedClient.Response refused = app.post("/v1/messages", Map.of("phones", List.of("13800138002"), "text", text,
                "type", "NOTIFICATION"));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        String rule = refused.body().get("ruleIds").get(0).asText();
        long blockedId = awaitEntry("/compliance/v1/blocked?appId=" + appId + "&q=" + java.net.URLEncoder.encode("会员日",
                java.nio.charset.StandardCharsets.UTF_8)).get("id").asLong();
        assertThat(reviewer.post("/compliance/v1/blocked/" + blockedId + "/review",
                Map.of("decision", "FALSE_POSITIVE", "comment", "会员权益通知")).status()).isEqualTo(200);

        signInAsReviewer();
        // the log, filtered by rule (index-friendly) and text (trigram index), exported as CSV
        byId("filter-app").sendKeys(appId);
        byId("filter-rule").sendKeys(rule);
        byId("filter-q").sendKeys("会员日");
        byId("filter-submit").click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(entryRow(blockedId)));
        byId("export").click();
        waitFor().until(ExpectedConditions.textMatches(By.id("status"), Pattern.compile("Exported")));
        // the browser saved what the page offered (a download, as a reviewer gets it)
        Path saved = downloads.resolve("blocked-messages.csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(saved) && Files.size(saved) > 0);
        String csv = Files.readString(saved, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().toList().get(1)).startsWith("\"" + blockedId + "\"").contains(text).contains("FALSE_POSITIVE");

        byId("tab-allowlist").click();
        byId("allowlist-app").sendKeys(appId);
        byId("allowlist-form").findElement(By.cssSelector("button[type='submit']")).click();
        // the tab's own load (all apps) may answer after the filtered one started: wait for the filtered rows
        By allowRow = By.xpath("//tbody[@data-app-id='" + appId + "']/tr[@data-testid='allowlist-entry']"
                + "[td[@data-testid='allowlist-blocked-id']='" + blockedId + "']");
        WebElement row = waitFor().until(ExpectedConditions.visibilityOfElementLocated(allowRow));
        row.findElement(By.cssSelector("[data-testid='allowlist-remove']")).click();
        assertThat(statusLine()).contains("say why");
        row.findElement(By.cssSelector("[data-testid='allowlist-comment']")).sendKeys("活动结束");
        row.findElement(By.cssSelector("[data-testid='allowlist-remove']")).click();
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(allowRow));
        assertThat(statusLine()).contains("filtered again");

        assertThat(reviewer.get("/compliance/v1/allowlist?appId=" + appId).body().get("entries").findValuesAsText("blockedId"))
                .doesNotContain(String.valueOf(blockedId));
        assertThat(app.post("/v1/messages", Map.of("phones", List.of("13800138003"), "text", text, "type", "NOTIFICATION"))
                .status()).as("the text is filtered again").isEqualTo(422);
    }

    @Test
    void reviewerSeesComplaintsAndLiftsASuspension() {
        SignedClient.Response sent = app.post("/v1/messages", Map.of("phones", List.of("13800138004"),
                "text", "【示例科技】您的积分已到账。", "type", "NOTIFICATION"));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(202);
        String messageId = sent.body().get("messages").get(0).get("messageId").asText();
        SignedClient.Response complaint = reviewer.post("/compliance/v1/complaints",
                Map.of("phone", "13800138004", "source", "CARRIER", "carrierRef", "CM-" + System.nanoTime(), "excerpt", "积分"));
        assertThat(complaint.status()).as(complaint.body().toString()).isEqualTo(201);
        long complaintId = complaint.body().get("complaint").get("id").asLong();
        SignedClient.Response suspended = reviewer.post("/compliance/v1/suspensions",
                Map.of("appId", appId, "signature", "示例科技", "reason", "运营商通报投诉"));
        assertThat(suspended.status()).as(suspended.body().toString()).isEqualTo(201);
        long suspensionId = suspended.body().get("id").asLong();

        signInAsReviewer();
        byId("tab-complaints").click();
        WebElement complaintRow = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-testid='complaint-entry'][data-complaint-id='" + complaintId + "']")));
        assertThat(complaintRow.findElement(By.cssSelector("[data-testid='complaint-app']")).getText()).isEqualTo(appId);
        assertThat(complaintRow.findElement(By.cssSelector("[data-testid='complaint-phone']")).getText()).isEqualTo("138****8004");
        assertThat(complaintRow.getText()).contains(messageId);
        By suspensionRow = By.cssSelector("tr[data-testid='suspension-entry'][data-suspension-id='" + suspensionId + "']");
        WebElement row = byCss("tr[data-testid='suspension-entry'][data-suspension-id='" + suspensionId + "']");
        assertThat(row.findElement(By.cssSelector("[data-testid='suspension-reason']")).getText()).isEqualTo("运营商通报投诉");
        row.findElement(By.cssSelector("[data-testid='lift-reason']")).sendKeys("客户已清理名单");
        row.findElement(By.cssSelector("[data-testid='lift']")).click();
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(suspensionRow));
        assertThat(statusLine()).contains("lifted by " + reviewerKeyId);
        assertThat(reviewer.get("/compliance/v1/suspensions?appId=" + appId).body().get("suspensions")).isEmpty();

        byId("tab-audit").click();
        new Select(byId("audit-action")).selectByValue("SUSPENSION_LIFTED");
        byId("audit-app").sendKeys(appId);
        byId("audit-form").findElement(By.cssSelector("button[type='submit']")).click();
        WebElement audited = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//tbody[@data-action='SUSPENSION_LIFTED'][@data-app-id='" + appId + "']/tr[@data-testid='audit-entry']"
                        + "[td[@data-testid='audit-subject']='suspension " + suspensionId + "']")));
        assertThat(audited.findElement(By.cssSelector("[data-testid='audit-actor']")).getText()).isEqualTo(reviewerKeyId);
        assertThat(audited.findElement(By.cssSelector("[data-testid='audit-comment']")).getText()).isEqualTo("客户已清理名单");
    }

    /** A fresh tab state: no credentials left in session storage by an earlier test. */
    private static void signIn(String keyId, String secret) {
        browser.get(platform.apiUrl() + "/console/");
        ((JavascriptExecutor) browser).executeScript("window.sessionStorage.clear();");
        browser.navigate().refresh();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        byId("login-key-id").sendKeys(keyId);
        byId("login-secret").sendKeys(secret);
        byId("login-submit").click();
    }

    private static void signInAsReviewer() {
        signIn(reviewerKeyId, reviewerSecret);
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("console-view")));
    }

    private static WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(browser, UI_WAIT);
        wait.withMessage(() -> "status line: " + statusLine());
        return wait;
    }

    private static String statusLine() {
        return browser.findElement(By.id("status")).getText();
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static WebElement byCss(String selector) {
        return browser.findElement(By.cssSelector(selector));
    }

    private static By entryRow(long id) {
        return By.cssSelector("tr[data-testid='blocked-entry'][data-entry-id='" + id + "']");
    }

    /** The block reaches the log through sms.blocked, a moment after the 422. */
    private static JsonNode awaitLogEntry(String category) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            SignedClient.Response page = reviewer.get("/compliance/v1/blocked?appId=" + appId + "&category=" + category);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            assertThat(page.body().get("entries"))
                    .as(() -> "whole log: " + reviewer.get("/compliance/v1/blocked").body())
                    .isNotEmpty();
            found[0] = page.body().get("entries").get(0);
        });
        return found[0];
    }

    private static JsonNode awaitEntry(String query) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> reviewer.get(query).body().get("entries"), entries -> entries != null && entries.size() == 1).get(0);
    }

    private static JsonNode findEntry(String query, long id) {
        SignedClient.Response page = reviewer.get(query);
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        for (JsonNode entry : page.body().get("entries")) {
            if (entry.get("id").asLong() == id) {
                return entry;
            }
        }
        throw new AssertionError("entry " + id + " not in " + page.body());
    }
}
