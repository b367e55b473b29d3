package io.mae4j.mask;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Locale;

/**
 * The curriculum weight β(e) of {@link GuidedCurriculumStrategy}: the share of masked patches
 * taken from keypoint patches at epoch ("round") e, 0-based. β is a pure function of the epoch, so
 * a resumed run continues the schedule where it stopped.
 *
 * <ul>
 *   <li>{@code step}: β(e) = min(end, start + step · ⌊e / every⌋) (paper: 0.1 → 0.5, +0.1 every 10
 *       epochs).
 *   <li>{@code linear}: β(e) = start + (end − start) · p with p = min(1, e / epochs).
 *   <li>{@code cosine}: β(e) = start + (end − start) · (1 − cos(π p)) / 2, same p.
 * </ul>
 *
 * Values are rounded to 12 decimals so that, e.g., 0.1 + 0.1 · 2 is exactly 0.3 and round(β · M)
 * does not flip on floating-point noise.
 */
public final class BetaSchedule {

    /** The shape of the schedule. */
    public enum Kind {
        /** Piecewise constant, +step every {@code every} epochs, capped at end. */
        STEP,
        /** Straight line from start to end over {@code epochs}. */
        LINEAR,
        /** Half cosine from start to end over {@code epochs}. */
        COSINE
    }

    private final Kind kind;
    private final double start;
    private final double end;
    private final double step;
    private final int every;
    private final int epochs;

    /**
     * @param kind the shape
     * @param start β(0), in [0, 1]
     * @param end the final β, in [0, 1] (for {@code step} a cap: start + k·step never exceeds it)
     * @param step increment of {@code step} schedules, ≥ 0
     * @param every epochs between increments of {@code step} schedules, ≥ 1
     * @param epochs epochs from start to end of {@code linear}/{@code cosine} schedules, ≥ 1
     */
    public BetaSchedule(Kind kind, double start, double end, double step, int every, int epochs) {
        check(start >= 0 && start <= 1, "beta_start", start, "in [0, 1]");
        check(end >= 0 && end <= 1, "beta_end", end, "in [0, 1]");
        check(step >= 0, "beta_step", step, "≥ 0");
        check(every >= 1, "beta_every", every, "≥ 1");
        check(epochs >= 1, "beta_epochs", epochs, "≥ 1");
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.step = step;
        this.every = every;
        this.epochs = epochs;
    }

    /** The paper's schedule: step 0.1 → 0.5, +0.1 every 10 epochs. */
    public static BetaSchedule paper() {
        return new BetaSchedule(Kind.STEP, 0.1, 0.5, 0.1, 10, 40);
    }

    /** A schedule that is β at every epoch. */
    public static BetaSchedule constant(double beta) {
        return new BetaSchedule(Kind.STEP, beta, beta, 0, 1, 1);
    }

    /**
     * Reads {@code beta_schedule, beta_start, beta_end, beta_step, beta_every, beta_epochs} of the
     * {@code mask.guided} section. Their defaults (the paper's schedule) live in one place,
     * {@code configs/defaults.conf}; a key missing here is an error, not a second default.
     *
     * @param guided the {@code mask.guided} sub-config of a composed config
     * @throws IllegalArgumentException naming the key for a missing key, an unknown schedule or a bad value
     */
    public static BetaSchedule fromConfig(Config guided) {
        require(guided, "beta_schedule");
        String name = guided.getString("beta_schedule");
        Kind kind;
        try {
            kind = Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mask.guided.beta_schedule = '" + name
                    + "' is unknown; use step, linear or cosine", e);
        }
        return new BetaSchedule(kind, number(guided, "beta_start"), number(guided, "beta_end"),
                number(guided, "beta_step"), (int) number(guided, "beta_every"),
                (int) number(guided, "beta_epochs"));
    }

    /** The schedule shape. */
    public Kind kind() {
        return kind;
    }

    /**
     * β at an epoch.
     *
     * @param epoch 0-based epoch (curriculum round), ≥ 0
     * @return β in [0, 1]
     */
    public double at(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be ≥ 0, got " + epoch);
        }
        double p = Math.min(1.0, (double) epoch / epochs);
        double beta = switch (kind) {
            case STEP -> Math.min(end, start + step * (epoch / every));
            case LINEAR -> start + (end - start) * p;
            case COSINE -> start + (end - start) * (1 - Math.cos(Math.PI * p)) / 2;
        };
        return Math.min(1.0, Math.max(0.0, Math.round(beta * 1e12) / 1e12));
    }

    private static void require(Config c, String key) {
        if (!c.hasPath(key)) {
            throw new IllegalArgumentException("mask.guided." + key + " is missing; configs/defaults.conf gives every"
                    + " key its default (pass mask.guided." + key + "=<value> or compose the config from configs/)");
        }
    }

    private static double number(Config c, String key) {
        require(c, key);
        try {
            return c.getDouble(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("mask.guided." + key + ": " + e.getMessage(), e);
        }
    }

    private static void check(boolean ok, String key, double value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("mask.guided." + key + " must be " + rule + ", got " + value);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.STEP
                ? "BetaSchedule[step " + start + " → " + end + ", +" + step + " every " + every + "]"
                : "BetaSchedule[" + kind.name().toLowerCase(Locale.ROOT) + " " + start + " → " + end + " over " + epochs
                        + "]";
    }
}
