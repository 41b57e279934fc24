package dev.ocifn.support;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The one wording for a field a function does not read, with the field the caller most likely
 * meant: {@code granularty: unknown field; did you mean granularity?}. A suggestion is made only
 * for a close name (a typo, a swapped pair, a different case), so a field from another API is
 * not matched to something unrelated; then the caller gets the list of allowed names instead.
 */
public final class FieldNames {
    /** More edits than this is a different word, not a typo. */
    private static final int MAX_EDITS = 2;

    private FieldNames() {
    }

    /**
     * 400 for an unknown field.
     *
     * @param path      where the field is, as the message names it (e.g. {@code filter.dimensions[0].kee})
     * @param name      the field's own name, compared with {@code known}
     * @param known     the names accepted at that place
     * @param otherwise what to say when no known name is close, e.g. {@code allowed here: [a, b]}
     */
    public static FnError unknown(String path, String name, Collection<String> known, String otherwise) {
        return FnError.badInput(path, "unknown field; " + nearest(name, known).map(n -> "did you mean " + n + "?")
                .orElse(otherwise));
    }

    /**
     * The known name closest to {@code given}, if it is close enough: at most two edits (insert,
     * delete, substitute, or swap two neighbours), and at most a third of the name's length, so a
     * short name needs a close match. Case does not count as an edit. Of several, the fewest
     * edits wins, then the one that also matches the case best, then the first alphabetically.
     */
    public static Optional<String> nearest(String given, Collection<String> known) {
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestEdits = Integer.MAX_VALUE;
        int bestCased = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.equals(given)) {
                continue;
            }
            int edits = distance(lower, candidate.toLowerCase(Locale.ROOT));
            int limit = Math.min(MAX_EDITS, Math.max(1, Math.max(given.length(), candidate.length()) / 3));
            if (edits > limit) {
                continue;
            }
            int cased = distance(given, candidate);
            if (edits < bestEdits || edits == bestEdits && (cased < bestCased
                    || cased == bestCased && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestEdits = edits;
                bestCased = cased;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Damerau-Levenshtein distance in its optimal-string-alignment form (no edit of a swapped pair). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, d[i - 2][j - 2] + 1);
                }
                d[i][j] = value;
            }
        }
        return d[a.length()][b.length()];
    }
}
