package org.opbench.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The one seeded random order of rounds (issue 15), used inside a worker ({@link RoundHarness}: the rounds of its
 * points) and by the sweep driver across workers (the rounds of every point of every live worker). The entries are
 * shuffled once with a {@link Random} seeded by {@code --seed}; a round to run again (disturbed, or wanted by
 * {@code --target-ci}) goes to a random later place, drawn from the same generator, so the same command and the same
 * answers of the noise probe give the same order.
 *
 * @param <T> what an entry names (a point of a worker; a worker and one of its points)
 */
public final class RoundOrder<T> {
    private final Random random;
    private final List<T> order = new ArrayList<>();
    private int at = -1;

    /** An order whose entries are {@code count} entries of each of {@code items}, shuffled by {@code seed}. */
    public RoundOrder(long seed, List<T> items, int count) {
        this(seed, repeat(items, count));
    }

    /** An order of {@code entries} (an item once per round), shuffled by {@code seed}. */
    public RoundOrder(long seed, List<T> entries) {
        this.random = new Random(seed);
        order.addAll(entries);
        Collections.shuffle(order, random);
    }

    private static <T> List<T> repeat(List<T> items, int count) {
        List<T> all = new ArrayList<>();
        for (T item : items) {
            for (int r = 0; r < count; r++) {
                all.add(item);
            }
        }
        return all;
    }

    /** The next entry, or null when the order is run through. */
    public T next() {
        if (at + 1 >= order.size()) {
            at = order.size();
            return null;
        }
        return order.get(++at);
    }

    /** Puts one more entry of {@code item} at a random place after the current one (the end included). */
    public void insertLater(T item) {
        int from = Math.min(at, order.size() - 1);
        order.add(from + 1 + random.nextInt(order.size() - from), item);
    }

    /** Removes the entries after the current one that {@code which} accepts (a worker that died: its points). */
    public void removeLater(Predicate<T> which) {
        int from = Math.min(at + 1, order.size());
        List<T> tail = new ArrayList<>(order.subList(from, order.size()));
        tail.removeIf(which);
        order.subList(from, order.size()).clear();
        order.addAll(tail);
    }

    /** Position of the current entry (0 for the first one {@link #next} returned). */
    public int position() {
        return at;
    }
}
