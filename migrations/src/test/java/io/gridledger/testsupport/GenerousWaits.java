package io.gridledger.testsupport;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.time.Duration;

/**
 * One waiting rule for every test JVM: a test that observes asynchronous work (processors,
 * schedulers, the head-end, brokers) waits for its condition with Awaitility, checked at once and
 * then every 50 ms, for up to a minute. The bound is generous on purpose: on a busy machine a
 * processor may take seconds, and a passing test never waits longer than its condition needs.
 */
public class GenerousWaits implements LauncherSessionListener {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultTimeout(TIMEOUT);
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }
}
