package org.opbench.sweep;

/**
 * One of {@code n} disjoint parts of a plan, numbered {@code k = 1..n} (written {@code K/N}, as {@code --shard}
 * takes it). Schedulers number their tasks from 0 or from the start of an array; {@code cli.ShardOptions} maps
 * their environment onto this numbering.
 */
public record Shard(int k, int n) {
    /** The whole plan. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (n < 1) {
            throw new IllegalArgumentException("shard " + k + "/" + n + ": the number of shards N must be at least 1");
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("shard " + k + "/" + n + " does not exist: shards are numbered 1 to "
                    + n);
        }
    }

    /** Parses {@code K/N}; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not K/N (e.g. 2/4: the second of four shards)");
        }
        int k;
        int n;
        try {
            k = Integer.parseInt(t.substring(0, slash).trim());
            n = Integer.parseInt(t.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not K/N with whole numbers (e.g. 2/4)");
        }
        return new Shard(k, n);
    }

    public boolean whole() {
        return n == 1;
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}
