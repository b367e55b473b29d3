package io.mae4j.model.io;

import java.util.Collection;
import java.util.Iterator;

/** Formatting of name lists in messages. */
final class Names {

    private Names() {}

    /** {@code [a, b, c, … (+7 more)]}: at most {@code max} names. */
    static String preview(Collection<String> names, int max) {
        StringBuilder sb = new StringBuilder("[");
        Iterator<String> it = names.iterator();
        for (int i = 0; i < max && it.hasNext(); i++) {
            sb.append(i == 0 ? "" : ", ").append(it.next());
        }
        if (names.size() > max) {
            sb.append(", … (+").append(names.size() - max).append(" more)");
        }
        return sb.append(']').toString();
    }
}
