package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportTest {
    @TempDir
    Path dir;

    record Row(String name, long amount) {
    }

    @Test
    void csvCellsThatCouldRunAsFormulasAreEscaped() {
        assertEquals("'=SUM(A1:A9)", Export.csvCell("=SUM(A1:A9)"));
        assertEquals("'+1+2", Export.csvCell("+1+2"));
        assertEquals("'-2+3", Export.csvCell("-2+3"));
        assertEquals("'@cmd", Export.csvCell("@cmd"));
        assertEquals("'-42", Export.csvCell("-42"), "every cell starting with - is escaped, numbers too");
        assertEquals("'-1.5", Export.csvCell(-1.5));
        assertEquals("42", Export.csvCell(42), "other numbers are left alone");
        assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", Export.csvCell("=HYPERLINK(\"x\",\"y\")"), "escaped, then quoted");
        assertEquals("\"a,b\"", Export.csvCell("a,b"));
        assertEquals("\"two\nlines\"", Export.csvCell("two\nlines"));
        assertEquals("", Export.csvCell(null));
        assertEquals("plain", Export.csvCell("plain"));
    }

    private Export.Spec<Row> spec(int pages, List<String> fetched, Runnable onPage2) {
        return new Export.Spec<>("rows", cursor -> {
            int page = cursor == null ? 0 : Integer.parseInt(cursor);
            fetched.add(cursor);
            if (page == 1) {
                onPage2.run();
            }
            List<Row> rows = List.of(new Row("r" + page + "a", page * 10L), new Row("=r" + page + "b", -page));
            boolean more = page + 1 < pages;
            return new Export.Page<>(rows, more ? Integer.toString(page + 1) : null, more);
        }, r -> !r.name().equals("r2a"), List.of(new Export.Column<>("name", Row::name), new Export.Column<>("amount", Row::amount)));
    }

    @Test
    void everyPageIsFetchedTheLocalFilterAppliedAndTheCsvWritten() throws Exception {
        List<String> fetched = new ArrayList<>();
        ExportJob<Row> job = new ExportJob<>(Ctx.direct(new Session()), spec(3, fetched, () -> { }), Runnable::run);
        AtomicReference<Integer> done = new AtomicReference<>();
        Path out = dir.resolve("sub").resolve("rows.csv");
        job.start(out, Export.Format.CSV, done::set);
        assertEquals(java.util.Arrays.asList(null, "1", "2"), fetched, "all pages, in order");
        assertEquals(5, done.get(), "6 rows fetched, 1 left out by the screen's filter");
        assertEquals(1.0, job.progressProperty().get());
        assertEquals(3, job.pagesProperty().get());
        assertTrue(job.messageProperty().get().startsWith("Exported 5 rows"), job.messageProperty().get());
        assertEquals(List.of("name,amount", "r0a,0", "'=r0b,0", "r1a,10", "'=r1b,'-1", "'=r2b,'-2"),
                Files.readAllLines(out));
        assertFalse(Files.exists(dir.resolve("sub").resolve("rows.csv.part")));
    }

    @Test
    void jsonIsAnArrayOfTheRows() throws Exception {
        ExportJob<Row> job = new ExportJob<>(Ctx.direct(new Session()), spec(2, new ArrayList<>(), () -> { }), Runnable::run);
        Path out = dir.resolve("rows.json");
        job.start(out, Export.Format.JSON, n -> { });
        var tree = AdminClient.mapper().readTree(out.toFile());
        assertEquals(4, tree.size());
        assertEquals("=r1b", tree.get(3).get("name").asText(), "JSON keeps the value as it is");
        assertEquals(-1, tree.get(3).get("amount").asLong());
    }

    @Test
    void cancelStopsBetweenPagesAndLeavesNoFile() {
        List<String> fetched = new ArrayList<>();
        AtomicReference<ExportJob<Row>> ref = new AtomicReference<>();
        ExportJob<Row> job = new ExportJob<>(Ctx.direct(new Session()), spec(5, fetched, () -> ref.get().cancel()), Runnable::run);
        ref.set(job);
        Path out = dir.resolve("rows.csv");
        AtomicReference<Integer> done = new AtomicReference<>();
        job.start(out, Export.Format.CSV, done::set);
        assertEquals(2, fetched.size(), "no page fetched after the cancel");
        assertEquals(null, done.get());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("rows.csv.part")));
        assertEquals("Export cancelled; no file written", job.messageProperty().get());
        assertFalse(job.runningProperty().get());
    }

    @Test
    void aServerErrorMidwayIsReportedAndLeavesNoFile() {
        Ctx ctx = Ctx.direct(new Session());
        ExportJob<Row> job = new ExportJob<>(ctx, spec(3, new ArrayList<>(), () -> {
            throw new dev.cycles.admin.console.client.AdminApiException(500, "INTERNAL_ERROR", "boom", "r1");
        }), Runnable::run);
        Path out = dir.resolve("rows.csv");
        job.start(out, Export.Format.CSV, n -> { });
        assertFalse(Files.exists(out));
        assertEquals("Export failed: INTERNAL_ERROR: boom", job.messageProperty().get());
        assertEquals("INTERNAL_ERROR", ctx.status().errorCodeProperty().get());
    }
}
