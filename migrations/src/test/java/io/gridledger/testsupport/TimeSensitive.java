package io.gridledger.testsupport;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose dates depend on today's date (it runs the application on the system clock).
 * The build runs these classes a second time with {@link TestClock} a year ahead (surefire execution
 * {@code a-year-ahead}), so a literal date that the calendar would overtake fails now, not next year.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TimeSensitive.TAG)
public @interface TimeSensitive {
    String TAG = "time-sensitive";
}
