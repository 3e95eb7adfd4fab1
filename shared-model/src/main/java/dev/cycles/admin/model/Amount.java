package dev.cycles.admin.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;

/**
 * A quantity in one unit. On input a bare integer is also accepted (the public guide sends
 * {@code "allocated": 100000000}); its unit is then null until the request's own unit fills it.
 */
@JsonDeserialize(using = Amount.Reader.class)
public record Amount(UnitEnum unit, Long amount) {

    public static Amount of(UnitEnum unit, long amount) {
        return new Amount(unit, amount);
    }

    /** This amount with the unit filled in from the request when the client sent a bare number. */
    public Amount withDefaultUnit(UnitEnum fallback) {
        return unit == null ? new Amount(fallback, amount) : this;
    }

    /** Accepts {"unit": U, "amount": N} strictly, or a bare integer N. */
    static final class Reader extends JsonDeserializer<Amount> {
        private record Strict(UnitEnum unit, Long amount) {
        }

        @Override
        public Amount deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return new Amount(null, p.getLongValue());
            }
            if (p.currentToken() == JsonToken.START_OBJECT) {
                Strict s = ctx.readValue(p, Strict.class);
                return new Amount(s.unit(), s.amount());
            }
            return (Amount) ctx.handleUnexpectedToken(Amount.class, p);
        }
    }
}
