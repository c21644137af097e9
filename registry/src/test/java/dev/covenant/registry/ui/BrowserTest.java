package dev.covenant.registry.ui;

import dev.covenant.registry.RegistryTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A registry test driven through Debian's headless Chromium: one browser for the test class, started before its
 * first test and closed after its last.
 */
abstract class BrowserTest extends RegistryTest {

    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
