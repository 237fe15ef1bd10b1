package io.gridledger.api.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A privileged endpoint: every call is recorded in the audit trail with who, what, when and why. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** The action's name in the trail, e.g. {@code TARIFF_CHANGE}. */
    String value();
}
