package dev.cycles.admin.console.common;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.UnitEnum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Amounts as people read and type them. USD_MICROCENTS shows as dollars and cents
 * (1 USD = 10^8 units; sub-cent digits appear only when present); TOKENS, CREDITS and
 * RISK_POINTS show as integers with thousands separators. Formatting is locale-neutral (en-US
 * separators) so the same value reads the same on every machine and in every test.
 */
public final class Amounts {
    public static final long UNITS_PER_USD = 100_000_000L;
    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.US);

    private Amounts() {
    }

    public static String format(UnitEnum unit, long value) {
        if (unit == UnitEnum.USD_MICROCENTS) {
            BigDecimal dollars = BigDecimal.valueOf(value).movePointLeft(8);
            boolean wholeCents = value % 1_000_000L == 0;
            DecimalFormat f = new DecimalFormat(wholeCents ? "#,##0.00" : "#,##0.00######", SYMBOLS);
            String s = f.format(dollars.abs());
            return (value < 0 ? "-$" : "$") + s;
        }
        return new DecimalFormat("#,##0", SYMBOLS).format(value);
    }

    public static String format(Amount a) {
        if (a == null || a.amount() == null) {
            return "";
        }
        return format(a.unit(), a.amount());
    }

    /** With the unit's name for units that are not money: "1,500 tokens". */
    public static String formatWithUnit(UnitEnum unit, long value) {
        return switch (unit) {
            case USD_MICROCENTS -> format(unit, value);
            case TOKENS -> format(unit, value) + " tokens";
            case CREDITS -> format(unit, value) + " credits";
            case RISK_POINTS -> format(unit, value) + " risk points";
        };
    }

    /** Short unit name for tables: USD, tokens, credits, risk points. */
    public static String unitLabel(UnitEnum unit) {
        return switch (unit) {
            case USD_MICROCENTS -> "USD";
            case TOKENS -> "tokens";
            case CREDITS -> "credits";
            case RISK_POINTS -> "risk points";
        };
    }

    /** The raw stored value, for tooltips: "150000000 USD_MICROCENTS". */
    public static String raw(UnitEnum unit, long value) {
        return value + " " + unit.name();
    }

    /**
     * Parses what an operator typed: dollars ("12.50", "$1,000") for USD_MICROCENTS, whole numbers
     * ("1,500,000") otherwise. Throws IllegalArgumentException with a message fit for the form.
     */
    public static long parse(UnitEnum unit, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Enter an amount");
        }
        String t = text.trim().replace(",", "").replace("_", "");
        if (unit == UnitEnum.USD_MICROCENTS && t.startsWith("$")) {
            t = t.substring(1);
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a number");
        }
        if (unit == UnitEnum.USD_MICROCENTS) {
            if (v.scale() > 8) {
                throw new IllegalArgumentException("At most 8 decimal places (1 USD = 10^8 units)");
            }
            v = v.movePointRight(8);
        } else if (v.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("Whole " + unit.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " only");
        }
        BigInteger i = v.setScale(0, RoundingMode.UNNECESSARY).toBigInteger();
        if (i.bitLength() > 63) {
            throw new IllegalArgumentException("Amount is too large");
        }
        return i.longValue();
    }

    /** How to type amounts of this unit, for prompts. */
    public static String hint(UnitEnum unit) {
        return unit == UnitEnum.USD_MICROCENTS ? "dollars, e.g. 1,000.00" : "whole " + unit.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
