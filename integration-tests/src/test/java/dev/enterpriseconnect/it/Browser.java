package dev.enterpriseconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own chromedriver, both at fixed paths so Selenium Manager
 * never downloads anything. One fresh profile per instance: no cookie outlives a test's browser.
 */
final class Browser implements AutoCloseable {

    private final Path profile;
    private final ChromeDriver driver;
    private final WebDriverWait wait;

    Browser() {
        try {
            profile = Files.createTempDirectory("ec-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // Auto-posting SAML forms replace the page while a condition reads it: read again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    WebElement await(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by), "element " + by);
    }

    void awaitUrlContaining(String part) {
        until(ExpectedConditions.urlContains(part), "URL containing " + part);
    }

    void awaitText(String text) {
        until(d -> d.findElement(By.tagName("body")).getText().contains(text), "text '" + text + "'");
    }

    /** Waits; on timeout, fails with what the browser shows instead. */
    private <T> T until(java.util.function.Function<WebDriver, T> condition, String what) {
        try {
            return wait.until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String body;
            try {
                body = text();
            } catch (RuntimeException unreadable) {
                body = "(unreadable: " + unreadable.getMessage() + ")";
            }
            throw new AssertionError("Waited 30 s for " + what + "; the browser shows " + url() + ":\n"
                    + body.substring(0, Math.min(body.length(), 2000)), e);
        }
    }

    /** Keycloak's login form: fills username and password (whichever are shown) and submits. */
    void signIn(String username, String password) {
        WebElement user = await(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
