package dev.cycles.admin.console.common;

import dev.cycles.admin.console.client.AdminApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagedListTest {

    /** Holds calls until the test lets them finish, in any order. */
    static final class HeldAsync implements Async {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> void run(String what, Supplier<T> work, Consumer<T> onSuccess, Consumer<AdminApiException> onError) {
            held.add(() -> onSuccess.accept(work.get()));
        }
    }

    private static final List<String> ALL = List.of("a", "b", "c", "d", "e");

    /** Pages of two over ALL; the cursor is the index of the first row. */
    private static Export.Page<String> page(String cursor) {
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(from + 2, ALL.size());
        boolean more = to < ALL.size();
        return new Export.Page<>(ALL.subList(from, to), more ? Integer.toString(to) : null, more);
    }

    @Test
    void loadsPageByPageAndStopsAtTheEnd() {
        List<Boolean> appends = new ArrayList<>();
        @SuppressWarnings("unchecked") PagedList<String>[] list = new PagedList[1]; // the page callback needs the list it fills
        list[0] = new PagedList<>(s -> s, Ctx.direct(new Session()), "Load letters", c -> () -> page(c), (p, append) -> {
            appends.add(append);
            list[0].store(p, append);
        });
        list[0].loadFirstPage();
        assertEquals(List.of("a", "b"), list[0].loaded());
        assertTrue(list[0].hasMoreProperty().get());
        list[0].loadMore();
        list[0].loadMore();
        assertEquals(ALL, list[0].loaded());
        assertFalse(list[0].hasMoreProperty().get());
        list[0].loadMore(); // nothing left: no request
        assertEquals(List.of(false, true, true), appends);
    }

    @Test
    void aNewerFirstPageWinsOverASlowerOlderOne() {
        HeldAsync async = new HeldAsync();
        List<String> query = new ArrayList<>(List.of("old"));
        @SuppressWarnings("unchecked") PagedList<String>[] list = new PagedList[1]; // the page callback needs the list it fills
        list[0] = new PagedList<>(s -> s, new Ctx(new Session(), async, new StatusModel()), "Load",
                c -> {
                    String q = query.get(0);
                    return () -> new Export.Page<>(List.of(q), null, false);
                }, (p, append) -> list[0].store(p, append));
        list[0].loadFirstPage();
        query.set(0, "new");
        list[0].loadFirstPage();
        async.held.get(1).run();
        async.held.get(0).run(); // the older answer arrives last and is dropped
        assertEquals(List.of("new"), list[0].loaded());
    }

    @Test
    void replacesByIdOrPutsNewRowsFirstAndFilters() {
        PagedList<String[]> list = new PagedList<>(r -> r[0]);
        list.store(new Export.Page<>(List.of(new String[] {"1", "one"}, new String[] {"2", "two"}), "c", true), false);
        assertTrue(list.replaceOrPrepend(new String[] {"2", "TWO"}));
        assertFalse(list.replaceOrPrepend(new String[] {"3", "three"}));
        assertEquals(List.of("three", "one", "TWO"), list.loaded().stream().map(r -> r[1]).toList());
        assertEquals("TWO", list.find("2").orElseThrow()[1]);
        assertTrue(list.find("9").isEmpty());
        list.filter(r -> !r[0].equals("1"));
        assertEquals(2, list.visible().size());
        assertEquals("2 of 3 loaded rows (more available)", list.shownOfLoaded("rows"));
    }
}
