package io.gridledger.ledger.support;

import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

import java.util.List;
import java.util.function.Consumer;

/** Hamcrest bridges so fixture results can be checked with AssertJ. */
public final class EventAssertions {

    private EventAssertions() {
    }

    /** Matches the published events when {@code assertions} pass on their payloads. */
    public static Matcher<List<EventMessage<?>>> payloadsSatisfy(Consumer<List<Object>> assertions) {
        return new AssertingMatcher<>("published events", item -> {
            List<Object> payloads = ((List<?>) item).stream()
                    .map(m -> (Object) ((EventMessage<?>) m).getPayload())
                    .toList();
            assertions.accept(payloads);
        });
    }

    /** Matches a value of {@code type} for which {@code assertions} pass. */
    public static <T> Matcher<T> satisfies(Class<T> type, Consumer<T> assertions) {
        return new AssertingMatcher<>("a " + type.getSimpleName(), item -> {
            if (!type.isInstance(item)) {
                throw new AssertionError("expected a " + type.getName() + " but was " + item);
            }
            assertions.accept(type.cast(item));
        });
    }

    private static final class AssertingMatcher<T> extends BaseMatcher<T> {
        private final String what;
        private final Consumer<Object> check;
        private String failure;

        private AssertingMatcher(String what, Consumer<Object> check) {
            this.what = what;
            this.check = check;
        }

        @Override
        public boolean matches(Object item) {
            try {
                check.accept(item);
                return true;
            } catch (AssertionError e) {
                failure = e.getMessage();
                return false;
            }
        }

        @Override
        public void describeTo(Description description) {
            description.appendText(what + " passing the assertions");
            if (failure != null) {
                description.appendText(", but: " + failure);
            }
        }
    }
}
