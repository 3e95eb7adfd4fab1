package dev.cycles.admin.model;

public enum UnitEnum {
    USD_MICROCENTS, TOKENS, CREDITS, RISK_POINTS
}
