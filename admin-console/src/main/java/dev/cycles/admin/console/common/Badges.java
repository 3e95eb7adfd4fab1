package dev.cycles.admin.console.common;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

import java.util.Locale;

/** Coloured status pills: ACTIVE green, SUSPENDED/FROZEN amber, CLOSED/REVOKED/EXPIRED grey, OVER red. */
public final class Badges {
    private Badges() {
    }

    public static Label badge(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("badge", styleFor(text));
        return l;
    }

    public static String styleFor(String status) {
        return switch (status == null ? "" : status.toUpperCase(Locale.ROOT)) {
            case "ACTIVE" -> "badge-ok";
            case "SUSPENDED", "FROZEN", "EXPIRING" -> "badge-warn";
            case "OVER", "OVER LIMIT", "DEBT" -> "badge-danger";
            default -> "badge-muted";
        };
    }

    /** A table cell that shows its value as a badge. */
    public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> cell() {
        return col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : badge(item.toString()));
            }
        };
    }
}
