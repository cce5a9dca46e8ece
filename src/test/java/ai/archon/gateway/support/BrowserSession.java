package ai.archon.gateway.support;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser tests' fixture: the headless Chromium a test starts ({@link Chromium#start}), quit after the test even
 * when it fails. Register it on an instance field, {@code @RegisterExtension final BrowserSession browsers = new
 * BrowserSession();}.
 */
public final class BrowserSession implements AfterEachCallback {
  private ChromeDriver browser;

  /** Starts the test's browser, with its own profile folder and window size. */
  public ChromeDriver start(Path profile, int width, int height) {
    browser = Chromium.start(profile, width, height);
    return browser;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser != null) browser.quit();
  }
}
