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
}
