package dev.covenant.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.registry.events.WriteAdmission.Load;
import dev.covenant.registry.events.WriteAdmission.Refusal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The admission decision on its own: the backlog is bounded by the wait it means (the oldest untaken job's wait, or
 * the backlog at the workers' pace), with the count as a hard cap; {@link WriteAdmissionTest} and
 * {@link WriteAdmissionByTimeTest} drive it over HTTP.
 */
class WriteAdmissionDecisionTest {

    /** Defaults but a 3 s wait limit and a cap of 100 jobs. */
    private static final JobsProperties LIMITS = new JobsProperties(4, null, null, null, null, null, null, null, 100,
            null, Duration.ofSeconds(3));

    @Test
    void theDefaultLimitIsThreeSecondsOfQueuedWork() {
        assertThat(new JobsProperties(null, null, null, null, null, null, null, null, null, null, null)
                .maxBacklogWait()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void workThatWouldWaitLessThanTheLimitIsAdmitted() {
        assertThat(WriteAdmission.refusal(new Load(0, Duration.ZERO, 0), LIMITS)).isEmpty();
        // 80 jobs at 40 jobs/s: 2 s
        assertThat(WriteAdmission.refusal(new Load(80, Duration.ofMillis(500), 40), LIMITS)).isEmpty();
        // pace not measured yet (cold): only the oldest job's wait counts
        assertThat(WriteAdmission.refusal(new Load(90, Duration.ofMillis(2900), 0), LIMITS)).isEmpty();
    }

    @Test
    void anOldestJobWaitingLongerThanTheLimitRefusesWhateverThePace() {
        Optional<Refusal> refusal = WriteAdmission.refusal(new Load(2, Duration.ofMillis(7200), 400), LIMITS);

        assertThat(refusal).get().satisfies(refused -> {
            // 7.2 s expected, retry once it is back under half the limit: 7.2 - 1.5 = 5.7 -> 6 s
            assertThat(refused.retryAfterSeconds()).isEqualTo(6);
            assertThat(refused.why()).contains("7.2 s behind").contains("2 jobs queued").contains("at most 3.0 s");
        });
    }

    @Test
    void aBacklogThatTheWorkersPaceCannotDrainWithinTheLimitRefusesBeforeAnyJobHasWaitedLong() {
        // 70 jobs at 20 jobs/s: 3.5 s, though the oldest has only just been queued
        Optional<Refusal> refusal = WriteAdmission.refusal(new Load(70, Duration.ofMillis(10), 20), LIMITS);

        assertThat(refusal).get().extracting(Refusal::retryAfterSeconds).isEqualTo(2L);
        assertThat(WriteAdmission.refusal(new Load(59, Duration.ofMillis(10), 20), LIMITS)).isEmpty();
    }

    @Test
    void theCountStaysAHardCapAndRetryAfterStaysWithinOneToSixtySeconds() {
        Optional<Refusal> overCap = WriteAdmission.refusal(new Load(101, Duration.ZERO, 1000), LIMITS);
        assertThat(overCap).get().satisfies(refused -> {
            assertThat(refused.why()).contains("101 jobs behind");
            assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        });
        assertThat(WriteAdmission.refusal(new Load(5, Duration.ofHours(2), 1), LIMITS)).get()
                .extracting(Refusal::retryAfterSeconds).isEqualTo(60L);
    }
}
