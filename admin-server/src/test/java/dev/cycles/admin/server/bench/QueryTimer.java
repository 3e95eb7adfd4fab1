package dev.cycles.admin.server.bench;

import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Times named queries against one list endpoint, one request at a time, and prints a row per
 * query: p50, p99, max, rows returned per request and the sequential request rate.
 */
final class QueryTimer {
    record Query(String name, IntFunction<String> parameters) {
    }

    private QueryTimer() {
    }

    static void run(HttpClient http, String base, List<Query> queries, int requests, ToIntFunction<String> rowsIn) throws Exception {
        System.out.printf("%-32s %9s %9s %9s %8s %9s%n", "query (" + requests + " requests each)", "p50 ms", "p99 ms", "max ms",
                "rows/req", "req/s");
        for (Query q : queries) {
            for (int i = 0; i < 30; i++) {
                AuditBench.get(http, base + q.parameters().apply(i));
            }
            double[] ms = new double[requests];
            long returned = 0;
            long began = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                String url = base + q.parameters().apply(i);
                long s = System.nanoTime();
                String body = AuditBench.get(http, url);
                ms[i] = (System.nanoTime() - s) / 1e6;
                returned += rowsIn.applyAsInt(body);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            Arrays.sort(ms);
            System.out.printf("%-32s %9.2f %9.2f %9.2f %8.1f %9.0f%n", q.name(), AuditBench.pct(ms, 50), AuditBench.pct(ms, 99),
                    ms[ms.length - 1], returned / (double) requests, requests / seconds);
        }
    }
}
