package dev.cycles.admin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/** The replay body (not strict in the spec: unknown fields are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplayRequest(Instant from, Instant to, List<String> eventTypes, Long maxEvents) {
}
