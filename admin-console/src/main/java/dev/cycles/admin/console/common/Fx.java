package dev.cycles.admin.console.common;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Callback;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/** Small view helpers shared by the screens. */
public final class Fx {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.US)
            .withZone(ZoneId.systemDefault());

    /** Audit and event times: to the second, since several rows share a minute and order matters. */
    private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.US)
            .withZone(ZoneId.systemDefault());

    private Fx() {
    }

    /** Shows a filter box's enum values by name and its empty choice (null) as {@code any}, e.g. "Any status". */
    public static <E extends Enum<E>> StringConverter<E> enumOrAny(String any) {
        return new StringConverter<>() {
            @Override
            public String toString(E v) {
                return v == null ? any : v.name();
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        };
    }

    public static String dateTime(Instant i) {
        return i == null ? "" : DATE_TIME.format(i);
    }

    /** "2026-03-10 12:05:09 UTC": for rows of a log (audit, events, recent activity). */
    public static String dateTimeSeconds(Instant i) {
        return i == null ? "" : DATE_TIME_SECONDS.format(i);
    }

    public static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** Copies a wire object as pretty JSON (snake_case, as the API spells it). */
    public static void copyJson(Object value) {
        try {
            copy(dev.cycles.admin.console.client.AdminClient.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            copy(String.valueOf(value));
        }
    }

    /** A cell showing {@code text(item)} with {@code tip(item)} as tooltip, optionally right-aligned. */
    public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> cell(Function<T, String> text, Function<T, String> tip, boolean right) {
        return col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(text.apply(item));
                String t = tip == null ? null : tip.apply(item);
                setTooltip(t == null ? null : new Tooltip(t));
                if (right) {
                    setStyle("-fx-alignment: CENTER-RIGHT;");
                }
            }
        };
    }
}
