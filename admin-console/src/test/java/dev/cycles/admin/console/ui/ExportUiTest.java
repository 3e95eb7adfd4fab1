package dev.cycles.admin.console.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cycles.admin.console.client.AdminClient;
import dev.cycles.admin.model.ApiKey;
import dev.cycles.admin.model.BudgetLedger;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export of a whole list (every page) to CSV and JSON: the files read back to the rows shown, formula-like cells escaped. */
class ExportUiTest extends ConsoleUiTest {

    @Test
    void exportsParseBackToTheRowsShownAndCsvCellsAreEscaped() throws Exception {
        Seeds.acmeAndGlobex(server, api);
        connectByTyping();
        clickOn("#navKeys");
        waitForIdle();
        TableView<?> keys = lookup("#table").queryAs(TableView.class);
        waitUntil("keys", () -> keys.getItems().size() == 2);
        Path csv = dir.resolve("exports").resolve("keys.csv");
        clickOn("#export");
        type("#export-path", csv.toString());
        shotOf("#export-dialog", "58-export-dialog");
        clickOn("#export-start");
        waitUntil("written", () -> Files.exists(csv) && text("#export-message").startsWith("Exported 2 rows"));
        assertEquals(1.0, lookup("#export-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress());
        shotOf("#export-dialog", "59-export-done");
        clickOn("#export-cancel");
        List<List<String>> rows = parseCsv(Files.readString(csv));
        assertEquals("key_id", rows.get(0).get(0));
        List<String> shownIds = keys.getItems().stream().map(k -> ((dev.cycles.admin.model.ApiKey) k).keyId()).sorted().toList();
        assertEquals(shownIds, rows.subList(1, rows.size()).stream().map(r -> r.get(0)).sorted().toList());
        int nameCol = rows.get(0).indexOf("name");
        assertTrue(rows.stream().anyMatch(r -> r.get(nameCol).equals("'=cmd|' /C calc'!A0")), "formula-like cell escaped: " + rows);

        // JSON of the budgets screen, all pages with a page size of 1
        interact(() -> console.budgets().setPageSize(1));
        clickOn("#navBudgets");
        waitForIdle();
        TableView<?> budgets = lookup("#table").queryAs(TableView.class);
        waitUntil("first page", () -> budgets.getItems().size() == 1);
        while (lookup("#loadMore").query().isVisible()) {
            clickOn("#loadMore");
            waitForIdle();
        }
        assertEquals(4, budgets.getItems().size());
        Path json = dir.resolve("exports").resolve("budgets.json");
        clickOn("#export");
        choose("#export-format", "JSON");
        type("#export-path", json.toString());
        clickOn("#export-start");
        waitUntil("json written", () -> Files.exists(json) && text("#export-message").startsWith("Exported 4 rows"));
        clickOn("#export-cancel");
        JsonNode arr = AdminClient.mapper().readTree(json.toFile());
        List<String> exported = new ArrayList<>();
        arr.forEach(n -> exported.add(n.get("scope").asText() + "|" + n.get("remaining").get("amount").asLong()));
        List<String> shown = budgets.getItems().stream().map(b -> ((BudgetLedger) b).scope() + "|" + ((BudgetLedger) b).remaining().amount()).toList();
        assertEquals(shown.stream().sorted().toList(), exported.stream().sorted().toList());
        BudgetLedger back = AdminClient.mapper().treeToValue(arr.get(0), BudgetLedger.class);
        assertNotNull(back.unit(), "JSON rows read back as wire objects");
    }

    /** RFC 4180 enough for the test: quoted cells with doubled quotes, CRLF rows. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // CRLF
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
