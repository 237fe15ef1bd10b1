package io.gridledger.projections.batching;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects rows produced while a batch of events is handled and writes them in one go just before
 * the batch's transaction commits (the same transaction that stores the processor's token). A
 * pooled processor handles 100+ events per unit of work, so thousands of interval rows become a
 * few multi-row statements instead of one round trip each.
 */
public final class UnitOfWorkRows {

    private UnitOfWorkRows() {
    }

    public static <T> void add(String table, T row, Consumer<List<T>> writer) {
        if (!CurrentUnitOfWork.isStarted()) {
            writer.accept(List.of(row));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<T> rows = root.getOrComputeResource("gridledger.rows." + table, key -> {
            List<T> pending = new ArrayList<>();
            root.onPrepareCommit(u -> {
                if (!pending.isEmpty()) {
                    writer.accept(List.copyOf(pending));
                    pending.clear();
                }
            });
            return pending;
        });
        rows.add(row);
    }
}
