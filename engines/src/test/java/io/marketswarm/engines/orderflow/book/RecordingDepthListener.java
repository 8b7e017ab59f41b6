package io.marketswarm.engines.orderflow.book;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Records every depth change and keeps the running sum of deltas per price since the last clear. */
final class RecordingDepthListener implements OrderBook.DepthListener {

    /** A delta as received. */
    record Change(long price, long delta) {
    }

    final List<Change> changes = new ArrayList<>();
    final TreeMap<Long, Long> sums = new TreeMap<>();
    int clears;

    @Override
    public void onDepthChange(final long price, final long delta) {
        assertNotEquals(0, delta, "zero delta at " + price);
        changes.add(new Change(price, delta));
        final long sum = sums.getOrDefault(price, 0L) + delta;
        if (sum == 0) {
            sums.remove(price);
        } else {
            sums.put(price, sum);
        }
    }

    @Override
    public void onClear() {
        clears++;
        sums.clear();
    }

    /** Forgets the recorded changes, keeping the sums. */
    void forgetChanges() {
        changes.clear();
    }
}
