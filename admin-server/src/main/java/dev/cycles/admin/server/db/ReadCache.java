package dev.cycles.admin.server.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers to one kind of read, kept until the next write transaction ends. Dashboards and agents
 * ask for the same list over and over between writes; each answer costs a query and hundreds of
 * column reads through JNI, and none of it can change until the database does. An entry is only
 * served while {@link Database#writeGeneration()} still has the value read before the query that
 * made it, so a cached answer is never older than any write acknowledged before the request.
 *
 * <p>Keys must hold everything the answer depends on, including whose view it is (a tenant key's
 * tenant and scope filter), so one caller can never be served another caller's answer. Values must
 * be immutable.
 */
public final class ReadCache<K, V> {
    /** What a store returns when it cannot vouch that nothing changed (other writers): never cache. */
    public static final long UNKNOWN = -1;

    private record Generation<K, V>(long number, Map<K, V> answers) {
    }

    private final LongSupplier writeGeneration;
    private final int maxEntries;
    private volatile Generation<K, V> current = new Generation<>(UNKNOWN, Map.of());

    public ReadCache(LongSupplier writeGeneration, int maxEntries) {
        this.writeGeneration = writeGeneration;
        this.maxEntries = maxEntries;
    }

    /** The answer for {@code key}: from this write generation's entries, or from {@code load}. */
    public V get(K key, Supplier<V> load) {
        long number = writeGeneration.getAsLong();
        if (number == UNKNOWN) {
            return load.get();
        }
        Generation<K, V> g = current;
        if (g.number() != number) {
            // Several threads may each start a fresh map here; the losers' entries are dropped,
            // which costs a reload and never a wrong answer, since each map is for one number only.
            g = new Generation<>(number, new ConcurrentHashMap<>());
            current = g;
        }
        V answer = g.answers().get(key);
        if (answer != null) {
            return answer;
        }
        answer = load.get();
        // Loaded after the number was read, so the answer is at least as new as that generation.
        if (answer != null && g.answers().size() < maxEntries) {
            g.answers().put(key, answer);
        }
        return answer;
    }
}
