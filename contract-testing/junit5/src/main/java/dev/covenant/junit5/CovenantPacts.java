package dev.covenant.junit5;

import au.com.dius.pact.provider.junitsupport.loader.PactSource;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Points a pact-jvm provider verification ({@code @Provider} class with a {@code @TestTemplate}) at the Covenant
 * registry, instead of {@code @PactBroker}, with defaults that suit a provider's CI:
 * <ul>
 *   <li>the registry from {@code covenant.url} / {@code COVENANT_URL} (the class is skipped when neither is set);</li>
 *   <li>consumer version selectors: the consumers' main branch, what is deployed or released, and the consumer
 *       branch with the provider's branch name;</li>
 *   <li>pending pacts (a new expectation does not fail the provider's build) and work-in-progress pacts of the last
 *       {@link #wipDays()} days, both on the provider branch detected from CI;</li>
 *   <li>results published only in CI (or with {@code covenant.publish=true}), as the CI commit (or
 *       {@code covenant.version}) on the CI branch.</li>
 * </ul>
 * See {@link CovenantSettings} for every setting.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@PactSource(CovenantPactLoader.class)
@ExtendWith(CovenantVerificationExtension.class)
public @interface CovenantPacts {

    /** Consumer version selectors as the Pact Broker's JSON array; empty for the defaults above. */
    String selectors() default "";

    /** Verify pending pacts without failing the build on them (needs a known provider branch). */
    boolean pending() default true;

    /** Include work-in-progress pacts published in the last this many days; 0 to leave them out. */
    int wipDays() default 60;
}
