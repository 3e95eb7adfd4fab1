package dev.cycles.admin.model;

import java.util.List;

/** Thresholds for threshold and rate events; stored and returned (this server emits none of those events yet). */
public record WebhookThresholdConfig(List<Double> budgetUtilization, Double burnRateMultiplier, Long burnRateWindowSeconds,
                                     Double denialRateThreshold, Double expiryRateThreshold, Double authFailureRateThreshold,
                                     Long rateWindowSeconds) {
}
