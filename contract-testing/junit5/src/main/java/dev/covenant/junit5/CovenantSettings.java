package dev.covenant.junit5;

import dev.covenant.client.CiEnvironment;
import dev.covenant.client.ClientConfig;
import dev.covenant.client.CovenantClient;
import dev.covenant.client.Credentials;
import java.util.Map;
import java.util.function.Function;

/**
 * What the JUnit 5 support reads, each from a system property (e.g. from surefire's {@code systemPropertyVariables})
 * or else an environment variable, with CI detection for the rest.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>{@code covenant.url} / {@code COVENANT_URL}</td><td>the registry; nothing happens without it</td></tr>
 * <tr><td>{@code covenant.token} / {@code COVENANT_TOKEN}</td><td>bearer token</td></tr>
 * <tr><td>{@code covenant.username}, {@code covenant.password} / {@code COVENANT_USERNAME}, {@code COVENANT_PASSWORD}</td><td>basic credentials</td></tr>
 * <tr><td>{@code covenant.version} / {@code COVENANT_VERSION}</td><td>this application's version; default the CI commit</td></tr>
 * <tr><td>{@code covenant.branch} / {@code COVENANT_BRANCH}</td><td>default the CI branch</td></tr>
 * <tr><td>{@code covenant.buildUrl} / {@code COVENANT_BUILD_URL}</td><td>default the CI run's URL</td></tr>
 * <tr><td>{@code covenant.publish} / {@code COVENANT_PUBLISH}</td><td>publish pacts and verification results; default true in CI only</td></tr>
 * </table>
 */
public record CovenantSettings(String url, Credentials credentials, String version, String branch, String buildUrl,
        boolean publish) {

    /** From the JVM's system properties and the process environment. */
    public static CovenantSettings current() {
        return resolve(System::getProperty, System.getenv());
    }

    static CovenantSettings resolve(Function<String, String> properties, Map<String, String> env) {
        CiEnvironment ci = CiEnvironment.detect(env);
        Function<String, String> read = name -> first(properties.apply("covenant." + name),
                env.get("COVENANT_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT)));
        String publish = read.apply("publish");
        return new CovenantSettings(
                read.apply("url"),
                Credentials.of(read.apply("token"), read.apply("username"), read.apply("password")),
                first(read.apply("version"), ci.commit()),
                first(read.apply("branch"), ci.branch()),
                first(read.apply("buildUrl"), ci.buildUrl()),
                publish == null ? ci.inCi() : Boolean.parseBoolean(publish));
    }

    /** How errors from the registry name these settings (not the CLI's options). */
    static final ClientConfig.SettingNames SETTING_NAMES = new ClientConfig.SettingNames("covenant.url or COVENANT_URL",
            "covenant.token or COVENANT_TOKEN",
            "covenant.username/covenant.password or COVENANT_USERNAME/COVENANT_PASSWORD");

    public boolean configured() {
        return url != null;
    }

    public CovenantClient client() {
        return CovenantClient.create(ClientConfig.of(url).withCredentials(credentials).withSettingNames(SETTING_NAMES));
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
