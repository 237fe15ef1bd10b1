package io.gridledger.testsupport;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Every application started by a test reads {@link TestClock}: a {@link Clock} bean that is the plain
 * system clock is replaced by the test JVM's shifted clock. Clocks a test sets up itself (a movable
 * clock standing at a chosen instant) are left alone.
 */
@AutoConfiguration
public class ShiftedApplicationClock {

    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    @Bean
    static BeanPostProcessor shiftSystemClocks() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean.getClass() == SYSTEM_CLOCK ? TestClock.clock().withZone(((Clock) bean).getZone()) : bean;
            }
        };
    }
}
