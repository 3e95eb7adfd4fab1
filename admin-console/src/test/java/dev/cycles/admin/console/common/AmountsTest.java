package dev.cycles.admin.console.common;

import dev.cycles.admin.model.UnitEnum;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AmountsTest {

    @Test
    void usdMicrocentsReadAsDollarsAndCents() {
        assertEquals("$1.00", Amounts.format(UnitEnum.USD_MICROCENTS, 100_000_000L));
        assertEquals("$1,234,567.89", Amounts.format(UnitEnum.USD_MICROCENTS, 123_456_789_000_000L));
        assertEquals("$0.00", Amounts.format(UnitEnum.USD_MICROCENTS, 0));
        assertEquals("-$2.50", Amounts.format(UnitEnum.USD_MICROCENTS, -250_000_000L));
        // sub-cent precision is shown only when present
        assertEquals("$0.00000001", Amounts.format(UnitEnum.USD_MICROCENTS, 1));
        assertEquals("$0.015", Amounts.format(UnitEnum.USD_MICROCENTS, 1_500_000L));
    }

    @Test
    void tokensAndCreditsGetThousandsSeparators() {
        assertEquals("1,500,000", Amounts.format(UnitEnum.TOKENS, 1_500_000));
        assertEquals("999", Amounts.format(UnitEnum.CREDITS, 999));
        assertEquals("-1,000", Amounts.format(UnitEnum.RISK_POINTS, -1000));
        assertEquals("1,500,000 tokens", Amounts.formatWithUnit(UnitEnum.TOKENS, 1_500_000));
        assertEquals("9,223,372,036,854,775,807", Amounts.format(UnitEnum.CREDITS, Long.MAX_VALUE));
    }

    @Test
    void rawValueForTooltips() {
        assertEquals("150000000 USD_MICROCENTS", Amounts.raw(UnitEnum.USD_MICROCENTS, 150_000_000));
    }

    @Test
    void parsesWhatOperatorsType() {
        assertEquals(100_000_000L, Amounts.parse(UnitEnum.USD_MICROCENTS, "1"));
        assertEquals(125_050_000_000L, Amounts.parse(UnitEnum.USD_MICROCENTS, "$1,250.50"));
        assertEquals(1L, Amounts.parse(UnitEnum.USD_MICROCENTS, "0.00000001"));
        assertEquals(1_500_000L, Amounts.parse(UnitEnum.TOKENS, "1,500,000"));
        assertEquals(7L, Amounts.parse(UnitEnum.CREDITS, " 7 "));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse(UnitEnum.USD_MICROCENTS, "0.000000001"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse(UnitEnum.TOKENS, "1.5"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse(UnitEnum.TOKENS, "abc"));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse(UnitEnum.TOKENS, ""));
        assertThrows(IllegalArgumentException.class, () -> Amounts.parse(UnitEnum.CREDITS, "9223372036854775808"));
    }

    @Test
    void formatThenParseRoundTrips() {
        for (long v : new long[] {0, 1, 99, 100_000_000L, 123_456_789_012L, Long.MAX_VALUE}) {
            String shown = Amounts.format(UnitEnum.USD_MICROCENTS, v);
            assertEquals(v, Amounts.parse(UnitEnum.USD_MICROCENTS, shown), shown);
        }
    }

    @Test
    void serverMessagesShowAmountsTheWayTheConsoleDoes() {
        UnitEnum usd = UnitEnum.USD_MICROCENTS;
        assertEquals("DEBIT of $2,000.00 exceeds remaining $1,500.00",
                Amounts.inMessage("DEBIT of 200000000000 exceeds remaining 150000000000", usd));
        assertEquals("DEBIT of 2,000,000 tokens exceeds remaining -5 tokens",
                Amounts.inMessage("DEBIT of 2000000 exceeds remaining -5", UnitEnum.TOKENS));
        assertEquals("Charging $1.20 at tenant:acme/agent:a1 would raise its debt to $3.00, past its overdraft limit of $2.00",
                Amounts.inMessage("Charging 120000000 at tenant:acme/agent:a1 would raise its debt to 300000000, past its overdraft limit of 200000000", usd));
        assertEquals("Insufficient remaining at tenant:acme/agent:b2: 5 credits left, 9 credits charged, and the overage policy is REJECT",
                Amounts.inMessage("Insufficient remaining at tenant:acme/agent:b2: 5 left, 9 charged, and the overage policy is REJECT", UnitEnum.CREDITS));
        assertEquals("Budget at tenant:x has outstanding debt of 1,000 risk points and no overdraft limit",
                Amounts.inMessage("Budget at tenant:x has outstanding debt of 1000 and no overdraft limit", UnitEnum.RISK_POINTS));
        assertEquals("CREDIT of 9,223,372,036,854,775,807 tokens would take the ledger outside the 64-bit integer range",
                Amounts.inMessage("CREDIT of 9223372036854775807 would take the ledger outside the 64-bit integer range", UnitEnum.TOKENS));
        // numbers that are not amounts stay as they are
        String ttl = "default_ttl_ms (5000) must not exceed max_reservation_ttl_ms (3000)";
        assertEquals(ttl, Amounts.inMessage(ttl, usd));
        assertEquals("Reason is at most 512 characters", Amounts.inMessage("Reason is at most 512 characters", usd));
        assertEquals("Budget tenant:acme/agent:7 is CLOSED", Amounts.inMessage("Budget tenant:acme/agent:7 is CLOSED", usd));
        assertEquals("DEBIT of 5 exceeds remaining 3", Amounts.inMessage("DEBIT of 5 exceeds remaining 3", null), "no unit: no guess");
    }

    @Test
    void countsAreGroupedLikeAmounts() {
        assertEquals("12,345", Amounts.count(12_345));
        assertEquals("0", Amounts.count(0));
    }
}
