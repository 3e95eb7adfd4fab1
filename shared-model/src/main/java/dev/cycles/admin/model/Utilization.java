package dev.cycles.admin.model;

/** How much of a budget is used: spent / allocated, and 0 when nothing is allocated (the server sorts and filters by this). */
public final class Utilization {
    private Utilization() {
    }

    public static double of(long spent, long allocated) {
        return allocated <= 0 ? 0.0 : (double) spent / allocated;
    }
}
