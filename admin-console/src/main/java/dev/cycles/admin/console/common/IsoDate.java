package dev.cycles.admin.console.common;

import javafx.beans.property.StringProperty;
import javafx.scene.control.DatePicker;
import javafx.util.StringConverter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The console's one date format, ISO (2026-12-24), typed or picked. A DatePicker's own converter
 * follows the locale (12/24/2026 in the US) and turns unreadable text into "no date" without a
 * word; that is how a typed key expiry became the 90-day default. Here the text is the truth:
 * the form parses it and says when it cannot.
 */
public final class IsoDate {
    private IsoDate() {
    }

    /** Blank is null; a date in ISO form is that date; anything else throws with a message naming {@code field}. */
    public static LocalDate parse(String text, String field) {
        String v = text == null ? "" : text.trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not a date; use YYYY-MM-DD, e.g. 2026-12-24");
        }
    }

    /** Whether {@code text} is blank or an ISO date. */
    public static boolean readable(String text) {
        try {
            parse(text, "");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Makes {@code picker} show and read ISO dates and binds its text to {@code text}. Picking a
     * day writes its ISO form; typing writes what was typed, even when it is not a date, so the
     * form can refuse it (the picker would otherwise replace it with the last good value).
     */
    public static void install(DatePicker picker, StringProperty text) {
        String[] unreadable = {""};
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? unreadable[0] : d.toString();
            }

            @Override
            public LocalDate fromString(String s) {
                if (readable(s)) {
                    unreadable[0] = "";
                    return parse(s, "");
                }
                unreadable[0] = s; // kept on screen: toString(null) gives it back
                return null;
            }
        });
        picker.setPromptText(picker.getPromptText() == null || picker.getPromptText().isEmpty() ? "YYYY-MM-DD"
                : picker.getPromptText() + "  (YYYY-MM-DD)");
        picker.getEditor().textProperty().bindBidirectional(text);
    }
}
