package io.mae4j.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Edit distance and "did you mean" suggestions for keys and group options. */
public final class Suggest {

    private Suggest() {}

    /**
     * Levenshtein distance: the fewest single-character insertions, deletions and
     * substitutions that turn {@code a} into {@code b} (a swap of two letters costs 2).
     */
    public static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** All candidates, closest to {@code given} first (ties alphabetical). */
    public static List<String> byDistance(String given, Collection<String> candidates) {
        List<String> out = new ArrayList<>(candidates);
        out.sort(Comparator.<String>comparingInt(c -> levenshtein(given, c)).thenComparing(c -> c));
        return out;
    }

    /**
     * Closest dotted keys to a mistyped one. A candidate scores the smaller of its distance to
     * the whole key and 1 + the distance between the last segments, so {@code epochs} finds
     * {@code train.epochs} and {@code model.epochs} finds it too. Returns the (at most 3)
     * candidates with the best score, if that score is within max(2, length / 3).
     */
    public static List<String> closestKeys(String given, Collection<String> candidates) {
        String givenLeaf = leaf(given);
        int best = Integer.MAX_VALUE;
        List<String> bestKeys = new ArrayList<>();
        for (String c : candidates) {
            int score = Math.min(levenshtein(given, c), 1 + levenshtein(givenLeaf, leaf(c)));
            if (score < best) {
                best = score;
                bestKeys.clear();
            }
            if (score == best) {
                bestKeys.add(c);
            }
        }
        if (best > Math.max(2, given.length() / 3)) {
            return List.of();
        }
        bestKeys.sort(Comparator.<String>comparingInt(c -> levenshtein(given, c)).thenComparing(c -> c));
        return List.copyOf(bestKeys.subList(0, Math.min(3, bestKeys.size())));
    }

    /** {@code "; did you mean 'a', 'b' or 'c'?"}, or "" when there is nothing to suggest. */
    public static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; did you mean ");
        for (int i = 0; i < suggestions.size(); i++) {
            if (i > 0) {
                sb.append(i == suggestions.size() - 1 ? " or " : ", ");
            }
            sb.append('\'').append(suggestions.get(i)).append('\'');
        }
        return sb.append('?').toString();
    }

    private static String leaf(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }
}
