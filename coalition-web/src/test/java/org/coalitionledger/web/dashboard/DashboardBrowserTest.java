package org.coalitionledger.web.dashboard;

import org.coalitionledger.support.LedgerApplicationTest;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.api.CoalitionListPages;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * The partners' dashboard in a real browser (Debian's headless Chromium through its chromedriver) against the whole
 * application with the first-year history. In CI ({@code CI=true}) a missing browser fails the build; elsewhere the
 * test is skipped with the reason, so {@code ./mvnw verify} works with only a JDK. Screenshots go to
 * {@code target/screenshots/}.
 */
@LedgerApplicationTest
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String YEAR_ONE = "Mar 7, 2018 – Mar 6, 2019";
    static final String YEAR_TWO = "Mar 7, 2019 – Mar 6, 2020";
    /** The size of a page of the list of coalitions when none is asked for. */
    static final int DEFAULT_PAGE = 100;

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    ChromeDriver browser;
    Path profile;
    /** Where the browser reaches the application: directly, or through a {@link SeveringProxy}. */
    String origin;
    SeveringProxy proxy;

    @BeforeAll
    static void chromiumIsInstalled_orTheTestSaysWhyItSkips() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("CI must run the browser test, but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: .ci/run installs them (apt-get install chromium chromium-driver)");
        }
        assumeTrue(installed, "skipped: no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver); CI runs this test");
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    String base() {
        return origin;
    }

    ChromeDriver open(String acceptLanguage) throws IOException {
        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,2600",
                "--lang=" + acceptLanguage.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The browser's clock zone is fixed so that "as recorded at (your time)" is UTC here.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "UTC")).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(PATIENCE);
        // The browser's own start page is not ours: leave it, and drop what it requested from the log.
        browser.get("about:blank");
        browser.manage().logs().get(LogType.PERFORMANCE);
        return browser;
    }

    @Test
    void partner_signsIn_seesTheFirstYear_switchesBasisAndLanguage_seesALiveBatch_andAnEarlierRecord()
            throws IOException {
        long signedSize = signCheckpoint();
        proxy = new SeveringProxy(port);
        origin = "http://127.0.0.1:" + proxy.port();
        ChromeDriver browser = open("en-US,en");
        browser.get(base() + "/");
        assertThat(browser.getTitle()).isEqualTo("Coalition Ledger");
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        accessible("signed out");

        // A wrong key gets a clear message and shows nothing.
        signIn("not-a-key-of-anyone-0123456789");
        until(b -> text("#sign-in-message").contains("not accepted"));
        assertThat(text("#sign-in-message")).contains("wrong, or it has been revoked");
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        assertThat(sessionKey()).isNull();

        // The partner's key: every coalition to choose from, over more than one page of the list, then the
        // first-year figures.
        List<String> coalitions = moreThanOnePageOfCoalitions();
        signIn(TestTokens.PARTNER);
        until(b -> browser.findElement(By.id("dashboard")).isDisplayed());
        assertThat(sessionKey()).isEqualTo(TestTokens.PARTNER);
        assertThat(new Select(browser.findElement(By.id("coalition"))).getOptions())
                .extracting(option -> option.getAttribute("value")).isEqualTo(coalitions);
        new Select(browser.findElement(By.id("coalition"))).selectByValue("cewto");
        // (Other tests sharing this application may have recorded later years of cewto; the first year is as shipped.)
        until(b -> firstRow().startsWith(YEAR_ONE) && text("#live-status").startsWith("Live"));
        assertThat(firstRow()).contains("1,000,000", "10,000,000", "350,000", "129",
                "CNY 18,000,000.00 = USD 2,678,491.71", "32");
        assertThat(text("[data-figure=members] dd")).isEqualTo("32");
        assertThat(chartCategories("chart-yoy").get(0)).isEqualTo(YEAR_ONE);
        assertThat(chartSeries("chart-yoy", 0).get(0)).isEqualTo(1_000_000L);
        assertThat(rows("#table-membership").get(0)).contains("Mar 6, 2019", "32");
        assertThat(text("#table-members")).contains("Undisclosed member").doesNotContain("null");
        assertThat(text("#table-goal-" + goalId())).contains("80");
        long shownSize = Long.parseLong(browser.findElement(By.xpath(
                "//dl[@id='audit']/dt[starts-with(., 'Latest signed checkpoint')]/following-sibling::dd[1]"))
                .getText().replace(",", ""));
        assertThat(shownSize).isGreaterThanOrEqualTo(signedSize);
        assertThat(text("#headline + .source")).contains("Latest signed checkpoint: ");
        assertThat(text("#verification")).contains("for auditors");
        assertThat(text("#headline + .source")).contains("Source: the ledger as recorded up to now");
        accessible("English, coalition years");
        screenshot("dashboard-en.png");

        // The view's CSV, downloaded from the page.
        Path downloads = Files.createDirectories(profile.resolve("downloads"));
        browser.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        browser.findElement(By.cssSelector("button.download[data-view=year-over-year]")).click();
        Path csv = downloads.resolve("cewto-year-over-year.csv");
        until(b -> Files.exists(csv));
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(1)).startsWith("2018-03-07/2019-03-06,2018-03-07,2019-03-06,1000000,10000000,350000,129,2678491.71,");

        // Calendar years: the anniversary report falls in 2019.
        browser.findElement(By.cssSelector("input[name=basis][value=calendar-year]")).click();
        until(b -> firstRow().startsWith("2018") && row("2019").contains("129"));
        assertThat(row("2019")).contains("1,000,000", "129");
        assertThat(chartCategories("chart-yoy")).startsWith("2018", "2019");

        // Chinese: texts, and dates in the Chinese form.
        browser.findElement(By.cssSelector("button[data-lang=zh-CN]")).click();
        until(b -> "zh-CN".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(text("h1")).isEqualTo("联盟账本");
        assertThat(text("#yoy-title")).isEqualTo("逐年数据");
        assertThat(text("#table-cumulative")).contains("2018年3月7日", "1,000,000");
        assertThat(text("#verification")).contains("仅供审计人员");
        accessible("Chinese, calendar years");
        screenshot("dashboard-zh-CN.png");

        // Back to English and coalition years, then a batch is recorded: the page follows without a reload.
        browser.findElement(By.cssSelector("button[data-lang=en]")).click();
        browser.findElement(By.cssSelector("input[name=basis][value=coalition-year]")).click();
        until(b -> firstRow().startsWith(YEAR_ONE) && text("#live-status").startsWith("Live"));
        assertThat(listingsOf(YEAR_TWO)).isZero();
        long listingsBefore = Long.parseLong(text("[data-figure=listings] dd").replace(",", ""));
        browser.executeScript("window.sameDocument = true");
        Instant beforeTheBatch = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        recordTakedownBatch();
        until(b -> row(YEAR_TWO).contains("2,500"));
        assertThat(row(YEAR_TWO)).contains("2,500", "4,000", "300");
        assertThat(listingsOf(YEAR_TWO)).isEqualTo(2_500L);
        assertThat(text("[data-figure=listings] dd")).isEqualTo(String.format(java.util.Locale.US, "%,d", listingsBefore + 2_500));
        assertThat(text("#live-status")).startsWith("Updated at");
        assertThat(browser.findElement(By.id("live-status")).getDomAttribute("class")).contains("updated");
        assertThat(browser.executeScript("return window.sameDocument")).isEqualTo(true);

        // As recorded just before the batch: the first year alone again, and the page says it is not live.
        browser.executeScript("document.getElementById('recorded-at').value = arguments[0]",
                LocalDateTime.ofInstant(beforeTheBatch, ZoneOffset.UTC).toString());
        browser.findElement(By.id("show-recorded")).click();
        until(b -> text("#live-status").startsWith("Not live") && firstRow().startsWith(YEAR_ONE));
        assertThat(firstRow()).contains("1,000,000");
        assertThat(row(YEAR_TWO)).doesNotContain("2,500");
        assertThat(listingsOf(YEAR_TWO)).isZero();
        assertThat(text("#headline + .source")).contains("Source: the ledger as recorded at");
        assertThat(browser.executeScript("return window.sameDocument")).isEqualTo(true);

        // As of a signed checkpoint that holds the batch: the views an auditor reproduces from its bundle.
        await().atMost(PATIENCE).until(() -> {
            long size = signCheckpoint();
            byte[] view = api(TestTokens.PARTNER).get()
                    .uri("/api/v1/coalitions/cewto/year-over-year?asOfCheckpoint=" + size).exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent();
            for (JsonNode row : mapper.readTree(view).path("rows")) {
                if (row.path("start").asString().equals("2019-03-07")) {
                    return row.path("figures").path("listingsRemoved").asLong() == 2_500;
                }
            }
            return false;
        });
        browser.findElement(By.id("show-checkpoint")).click();
        until(b -> text("#live-status").startsWith("Not live: showing the views as of the signed checkpoint")
                && row(YEAR_TWO).contains("2,500"));
        assertThat(text("#headline + .source")).startsWith("Source: the signed checkpoint of");

        // Live again; the connection drops and comes back: the page says so and reconnects by itself.
        browser.findElement(By.id("back-to-live")).click();
        until(b -> row(YEAR_TWO).contains("2,500") && text("#live-status").startsWith("Live"));
        proxy.sever();
        until(b -> text("#live-status").contains("reconnecting"));
        proxy.restore();
        until(b -> text("#live-status").startsWith("Live"));
        assertThat(row(YEAR_TWO)).contains("2,500");
        assertThat(browser.executeScript("return window.sameDocument")).isEqualTo(true);

        noRequestLeftTheOrigin();
    }

    @Test
    void aChineseBrowser_getsTheChinesePage_beforeSigningIn() throws IOException {
        origin = "http://localhost:" + port;
        ChromeDriver browser = open("zh-CN,zh");
        browser.get(base() + "/");
        until(b -> "zh-CN".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(text("#sign-in-title")).isEqualTo("登录");
        assertThat(browser.findElement(By.cssSelector("button[data-lang=zh-CN]")).getDomAttribute("aria-pressed"))
                .isEqualTo("true");
        signIn("revoked-or-wrong-key-0123456789");
        until(b -> text("#sign-in-message").contains("已被吊销"));

        // By keyboard, on a fresh page: the first Tab reaches the skip link, the next the language switch.
        browser.navigate().refresh();
        until(b -> "zh-CN".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getDomAttribute("class")).isEqualTo("skip");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getDomAttribute("data-lang")).isEqualTo("en");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        until(b -> "en".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(text("#sign-in-title")).isEqualTo("Sign in");
        noRequestLeftTheOrigin();
    }

    // --- steps --------------------------------------------------------------------------------------------------

    void signIn(String key) {
        WebElement input = browser.findElement(By.id("key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    }

    WebTestClient api(String token) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + token).build();
    }

    /**
     * Founds coalitions until the list of coalitions has more than one page at its default size; every coalition id,
     * read page after page from the API.
     */
    List<String> moreThanOnePageOfCoalitions() throws IOException {
        JsonNode first = firstPageOfCoalitions();
        int listed = first.path("next").isNull() ? first.path("coalitions").size() : DEFAULT_PAGE + 1;
        for (int i = listed; i <= DEFAULT_PAGE; i++) {
            String id = "dashboard-" + UUID.randomUUID().toString().substring(0, 8);
            api(TestTokens.ADMIN).post().uri("/api/v1/coalitions").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(ApiFixtures.foundCoalition(id)).exchange().expectStatus().isCreated();
        }
        await().atMost(PATIENCE).until(() -> !firstPageOfCoalitions().path("next").isNull());
        return CoalitionListPages.everyCoalitionId(api(TestTokens.PARTNER), DEFAULT_PAGE);
    }

    JsonNode firstPageOfCoalitions() throws IOException {
        byte[] body = api(TestTokens.PARTNER).get().uri("/api/v1/coalitions").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent();
        return mapper.readTree(body);
    }

    /** An administrator signs a checkpoint of the log as it is; its tree size. */
    long signCheckpoint() throws IOException {
        byte[] body = api(TestTokens.ADMIN).post().uri("/api/v1/audit/checkpoints").exchange()
                .expectStatus().is2xxSuccessful().expectBody().returnResult().getResponseBodyContent();
        return mapper.readTree(body).path("treeSize").asLong();
    }

    void recordTakedownBatch() {
        String batch = "dashboard-live-" + UUID.randomUUID().toString().substring(0, 8);
        api(TestTokens.ADMIN).post().uri("/api/v1/coalitions/cewto/takedown-batches").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"batchId": "%s", "reporter": {"type": "NGO", "memberId": null, "name": "TRAFFIC"},
                         "periodStart": "2019-03-07", "periodEnd": "2019-12-31", "listingsRemoved": 2500,
                         "adsBlocked": 4000, "accountsRemoved": 300, "categories": ["ivory"],
                         "scope": "China-based members", "source": "dashboard browser test"}""".formatted(batch))
                .exchange().expectStatus().isCreated();
    }

    String goalId() {
        return (String) browser.executeScript(
                "return document.querySelector('#goals table').id.replace('table-goal-', '')");
    }

    /** axe-core over the whole page as it is: no serious or critical finding. */
    void accessible(String state) throws IOException {
        String axe;
        try (InputStream script = getClass().getResourceAsStream("/axe.min.js")) {
            assertThat(script).as("axe.min.js from com.deque.html.axe-core:selenium").isNotNull();
            axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
        browser.executeScript(axe);
        String result = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                    .then(r => done(JSON.stringify({ran: r.passes.length + r.violations.length,
                        violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))})))
                    .catch(e => done(JSON.stringify({error: String(e)})));""");
        JsonNode report = mapper.readTree(result);
        assertThat(report.has("error")).as("axe failed to run: " + result).isFalse();
        assertThat(report.path("ran").asInt()).as("axe ran rules").isPositive();
        List<String> serious = new ArrayList<>();
        for (JsonNode violation : report.path("violations")) {
            String impact = violation.path("impact").asString();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(violation.toString());
            }
        }
        assertThat(serious).as("serious or critical axe findings, " + state).isEmpty();
    }

    /** Every request the page made (performance log of the DevTools protocol) went to the application. */
    void noRequestLeftTheOrigin() throws IOException {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = mapper.readTree(entry.getMessage()).path("message");
            if (message.path("method").asString().equals("Network.requestWillBeSent")) {
                urls.add(message.path("params").path("request").path("url").asString());
            }
        }
        assertThat(urls).as("requests seen").isNotEmpty();
        assertThat(urls).as("requests outside " + base())
                .allMatch(url -> url.startsWith(base() + "/") || url.startsWith("data:")
                        || url.startsWith("blob:" + base() + "/"));
        assertThat(urls).anyMatch(url -> url.endsWith("/webjars/echarts/5.3.1/dist/echarts.min.js"));
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    // --- reading the page ---------------------------------------------------------------------------------------

    void until(Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "the page's status line: \"" + text("#live-status") + "\"; its console: "
                        + browser.manage().logs().get(LogType.BROWSER).getAll())
                .until(condition);
    }

    String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    List<String> rows(String table) {
        return browser.findElements(By.cssSelector(table + " tbody tr")).stream().map(WebElement::getText).toList();
    }

    String firstRow() {
        return rows("#table-yoy").stream().findFirst().orElse("");
    }

    /** The year-over-year table's row for a year, or "" when the table has none. */
    String row(String year) {
        return rows("#table-yoy").stream().filter(r -> r.startsWith(year)).findFirst().orElse("");
    }

    /** The listings the year-over-year chart shows for a year (0 when it shows no such year). */
    long listingsOf(String year) {
        int index = chartCategories("chart-yoy").indexOf(year);
        return index < 0 ? 0 : chartSeries("chart-yoy", 0).get(index);
    }

    String sessionKey() {
        return (String) browser.executeScript("return sessionStorage.getItem('coalition-ledger.key')");
    }

    @SuppressWarnings("unchecked")
    List<String> chartCategories(String id) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().xAxis[0].data",
                id);
    }

    @SuppressWarnings("unchecked")
    List<Long> chartSeries(String id, int series) {
        return (List<Long>) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption()"
                        + ".series[arguments[1]].data", id, series);
    }

    /**
     * A TCP relay between the browser and the application that can cut every connection and refuse new ones
     * until restored: a lost network, as the page sees it.
     */
    static final class SeveringProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile boolean refusing;

        SeveringProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (refusing) {
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    daemon(() -> relay(client, upstream));
                    daemon(() -> relay(upstream, client));
                } catch (IOException e) {
                    // Closed, or one connection failed: the browser sees that connection fail, as it should.
                }
            }
        }

        private void relay(Socket from, Socket to) {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // Cut: both ends are closed below.
            } finally {
                open.remove(from);
                open.remove(to);
            }
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work, "severing-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        void sever() {
            refusing = true;
            for (Socket socket : open) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Already closed.
                }
            }
        }

        void restore() {
            refusing = false;
        }

        @Override
        public void close() throws IOException {
            server.close();
            sever();
        }
    }
}
