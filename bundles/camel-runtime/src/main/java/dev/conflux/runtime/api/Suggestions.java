package dev.conflux.runtime.api;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean …?" for misspelt names: endpoint options in flows, keys in connector configurations. */
public final class Suggestions {

    private Suggestions() {
    }

    /** Up to three of the names within two edits of the unknown one (ignoring case), closest first. */
    public static String[] closeTo(Collection<String> names, String unknown) {
        String wanted = unknown.toLowerCase();
        return names.stream()
                .filter(n -> distance(n.toLowerCase(), wanted) <= 2)
                .sorted(Comparator.comparingInt(n -> distance(n.toLowerCase(), wanted)))
                .limit(3).toArray(String[]::new);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
