package dev.cycles.admin.model;

public enum CommitOveragePolicy {
    REJECT, ALLOW_IF_AVAILABLE, ALLOW_WITH_OVERDRAFT
}
