package dev.cycles.admin.console.webhooks;

import dev.cycles.admin.console.common.Badges;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** Table cells shared by the subscriptions and deliveries tables. */
final class WebhookCells {
    private WebhookCells() {
    }

    /** A status as a coloured pill: healthy green, paused / failing / retrying amber, disabled / failed red. */
    static <S> TableCell<S, String> badge() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                if (empty || s == null || s.isEmpty()) {
                    setGraphic(null);
                    return;
                }
                Label b = Badges.badge(s);
                b.getStyleClass().removeIf(c -> c.startsWith("badge-"));
                b.getStyleClass().add(switch (s) {
                    case "ACTIVE", "SUCCESS" -> "badge-ok";
                    case "PAUSED", "FAILING", "RETRYING", "PENDING" -> "badge-warn";
                    case "DISABLED", "FAILED" -> "badge-danger";
                    default -> "badge-muted";
                });
                setGraphic(b);
            }
        };
    }

}
