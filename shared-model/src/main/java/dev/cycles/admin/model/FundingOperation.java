package dev.cycles.admin.model;

public enum FundingOperation {
    CREDIT, DEBIT, RESET, RESET_SPENT, REPAY_DEBT
}
