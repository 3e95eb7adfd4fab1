package dev.cycles.admin.console.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The rows of a list screen: everything loaded so far, the part the local filters let through,
 * and the server cursor for "Load more". Selection and the summary line stay with each
 * ViewModel, because every screen words and keeps them a little differently.
 *
 * @param <T> the row type; {@code idOf} names a row, so an edited row can take its old place
 */
public final class PagedList<T> {

    /** Builds the request for one page on the FX thread (it reads the filters); the returned call runs off it. */
    public interface PageRequest<T> {
        Supplier<Export.Page<T>> forCursor(String cursor);
    }

    private final ObservableList<T> loaded = FXCollections.observableArrayList();
    private final FilteredList<T> visible = new FilteredList<>(loaded, x -> true);
    private final BooleanProperty hasMore = new SimpleBooleanProperty(false);
    private final Function<T, String> idOf;
    private final Ctx ctx;
    private final String what;
    private final PageRequest<T> request;
    private final BiConsumer<Export.Page<T>, Boolean> onPage;
    private String nextCursor;
    private int generation;

    /** A list the ViewModel fills itself (no paging). */
    public PagedList(Function<T, String> idOf) {
        this(idOf, null, null, null, null);
    }

    /**
     * A list loaded page by page through {@code ctx.async()}. {@code onPage} gets each page that is
     * still wanted and whether it continues the list; it calls {@link #store} (so it can note the
     * selection before the table sees the change). Failures go to the status line as {@code what}.
     */
    public PagedList(Function<T, String> idOf, Ctx ctx, String what, PageRequest<T> request,
                     BiConsumer<Export.Page<T>, Boolean> onPage) {
        this.idOf = idOf;
        this.ctx = ctx;
        this.what = what;
        this.request = request;
        this.onPage = onPage;
    }

    /** Asks for the first page again; answers to any earlier request are then dropped. */
    public void loadFirstPage() {
        load(null);
    }

    /** Asks for the next page, when the server said there is one. */
    public void loadMore() {
        if (hasMore.get() && nextCursor != null) {
            load(nextCursor);
        }
    }

    private void load(String cursor) {
        Supplier<Export.Page<T>> call = request.forCursor(cursor);
        // a new first page starts a new generation: a slower answer to an older query must not win
        int gen = cursor == null ? ++generation : generation;
        ctx.async().run(what, call, page -> {
            if (gen == generation) {
                onPage.accept(page, cursor != null);
            }
        }, e -> ctx.status().error(what, e));
    }

    /** Appends a page (or replaces everything with a first page) and remembers where the next one starts. */
    public void store(Export.Page<T> page, boolean append) {
        if (append) {
            loaded.addAll(page.items());
        } else {
            loaded.setAll(page.items());
        }
        nextCursor = page.nextCursor();
        hasMore.set(page.hasMore() && page.nextCursor() != null);
    }

    /** Puts a changed row in place of the loaded one with its id; a row not loaded goes first. True when it replaced one. */
    public boolean replaceOrPrepend(T row) {
        String id = idOf.apply(row);
        for (int i = 0; i < loaded.size(); i++) {
            if (idOf.apply(loaded.get(i)).equals(id)) {
                loaded.set(i, row);
                return true;
            }
        }
        loaded.add(0, row);
        return false;
    }

    /** The loaded row with this id. */
    public Optional<T> find(String id) {
        return loaded.stream().filter(x -> idOf.apply(x).equals(id)).findFirst();
    }

    /** Applies the local filters to what is loaded. */
    public void filter(Predicate<T> keep) {
        visible.setPredicate(keep);
    }

    /** "3 of 10 loaded tenants (more available)": the start every paged screen's summary shares. */
    public String shownOfLoaded(String noun) {
        return visible.size() + " of " + loaded.size() + " loaded " + noun + (hasMore.get() ? " (more available)" : "");
    }

    public ObservableList<T> loaded() {
        return loaded;
    }

    public ObservableList<T> visible() {
        return visible;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }
}
