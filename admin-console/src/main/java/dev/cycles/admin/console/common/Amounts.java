package dev.cycles.admin.console.common;

import dev.cycles.admin.model.Amount;
import dev.cycles.admin.model.UnitEnum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Counts that are not amounts (rows, milliseconds, requests): grouped like amounts, "12,345". */
    public static String count(long n) {
        return new DecimalFormat("#,##0", SYMBOLS).format(n);
    }

    /**
     * The server's funding and charging messages carry raw stored amounts ("DEBIT of 200000000000
     * exceeds remaining 150000000000", "would raise its debt to 120, past its overdraft limit of
     * 100", "Insufficient remaining at s: 5 left, 9 charged"). This rewrites the numbers in those
     * amount positions with {@link #formatWithUnit}, so the operator reads "$2,000.00"; every other
     * number (TTLs, lengths, ids) is left alone. The raw message stays with the caller for copying.
     */
    public static String inMessage(String message, UnitEnum unit) {
        if (message == null || unit == null) {
            return message;
        }
        Matcher m = AMOUNT_IN_MESSAGE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String number = m.group(1) != null ? m.group(1) : m.group(2);
            String shown;
            try {
                shown = formatWithUnit(unit, Long.parseLong(number));
            } catch (NumberFormatException e) {
                shown = number; // beyond int64: leave the server's digits as they are
            }
            int start = m.group(1) != null ? m.start(1) : m.start(2);
            int end = m.group(1) != null ? m.end(1) : m.end(2);
            m.appendReplacement(out, Matcher.quoteReplacement(message.substring(m.start(), start) + shown + message.substring(end, m.end())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Numbers after the words the server puts before amounts, or before "left"/"charged". */
    private static final Pattern AMOUNT_IN_MESSAGE = Pattern.compile(
            "\\b(?:(?:CREDIT|DEBIT|RESET|RESET_SPENT|REPAY_DEBT) of|[Cc]harging|Actual|remaining|reserved|debt|debt of|debt to|limit of)\\s+(-?\\d+)\\b(?![.:/\\w])"
                    + "|(?<![\\w.:/])(-?\\d+)(?=\\s+(?:left|charged)\\b)");

    /** How to type amounts of this unit, for prompts. */
    public static String hint(UnitEnum unit) {
        return unit == UnitEnum.USD_MICROCENTS ? "dollars, e.g. 1,000.00" : "whole " + unit.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
