package dev.cycles.admin.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Not strict in the spec: unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKeyValidationRequest(String keySecret) {
}
