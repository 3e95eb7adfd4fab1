package dev.cycles.admin.console.common;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportPagerTest {

    @Test
    void eachPageAsksTheSameQueryPlusItsCursor() {
        Map<String, String> query = new LinkedHashMap<>(Map.of("limit", "100"));
        List<Map<String, String>> asked = new ArrayList<>();
        Export.Pager<String> pager = Export.Pager.over(query, q -> {
            asked.add(q);
            return new Export.Page<>(List.of("row"), null, false);
        });
        pager.fetch(null);
        pager.fetch("c2");
        assertEquals(List.of(Map.of("limit", "100"), Map.of("limit", "100", "cursor", "c2")), asked);
        assertEquals(Map.of("limit", "100"), query, "the query itself is left alone");
    }
}
