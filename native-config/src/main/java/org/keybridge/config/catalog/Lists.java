package org.keybridge.config.catalog;

import java.util.List;
import java.util.Map;

/** Absent lists and maps of the JSON become empty, immutable ones. */
final class Lists {
    private Lists() {}

    static <T> List<T> of(List<T> list) { return list == null ? List.of() : List.copyOf(list); }

    static <K, V> Map<K, V> of(Map<K, V> map) { return map == null ? Map.of() : Map.copyOf(map); }
}
