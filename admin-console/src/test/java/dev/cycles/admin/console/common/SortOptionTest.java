package dev.cycles.admin.console.common;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SortOptionTest {

    @Test
    void addsSortParametersAndShowsItsLabel() {
        SortOption newest = new SortOption("Newest first", "created_at", "desc");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", "100");
        newest.addTo(q);
        assertEquals(Map.of("limit", "100", "sort_by", "created_at", "sort_dir", "desc"), q);
        assertEquals("Newest first", newest.toString());
    }
}
