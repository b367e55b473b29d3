package io.mae4j.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders one synthetic image: a textured shape (stripes, checker or dots in a saturated colour and
 * a dark one) at a random position, scale and rotation over a smooth two-tone gradient background,
 * so that corners and blobs (SIFT keypoints) sit on the object. Pure Java arithmetic, hence
 * byte-for-byte reproducible. Shapes are tested in object coordinates q = R(−θ)(p − c)/r, |q| ≲ 1.
 */
final class SynthPainter {

    /** Shape names; class c (c &lt; 10) is shape c. */
    static final List<String> SHAPES = List.of(
            "circle", "square", "triangle", "star", "ring", "cross", "ellipse", "hexagon", "diamond", "arrow");

    /** Texture families; for more than 10 classes class c uses texture c / 10. */
    static final List<String> TEXTURES = List.of("stripes", "checker", "dots");

    private static final double[][] TRIANGLE = regular(3, 1.0, -Math.PI / 2);
    private static final double[][] HEXAGON = regular(6, 1.0, 0);
    private static final double[][] STAR = star();
    private static final double[][] ARROW = {
        {-1, -0.22}, {0.2, -0.22}, {0.2, -0.6}, {1, 0}, {0.2, 0.6}, {0.2, 0.22}, {-1, 0.22}
    };

    private SynthPainter() {}

    /** The class name of generator class c. */
    static String className(int c, int classes) {
        String shape = SHAPES.get(c % SHAPES.size());
        return classes <= SHAPES.size() ? shape : shape + "_" + TEXTURES.get(c / SHAPES.size());
    }

    /**
     * Paints one size × size image.
     *
     * @param shape index into {@link #SHAPES}
     * @param texture index into {@link #TEXTURES}
     * @param bgHue background hue in [0, 1)
     * @param objectMask if not null, receives (H, W) true where the object was drawn
     * @param style size, placement and fill of the shape (the random draws are the same in every style)
     */
    static DecodedImage paint(int size, int shape, int texture, double bgHue, SplittableRandom rng,
            boolean[] objectMask, SynthStyle style) {
        // background: hue fixed, value ramps linearly along a random direction
        double bgSat = 0.35 + 0.25 * rng.nextDouble();
        double v0 = 0.55 + 0.35 * rng.nextDouble();
        double v1 = clamp(v0 + (rng.nextBoolean() ? 0.25 : -0.25));
        double dir = rng.nextDouble() * 2 * Math.PI;
        // object
        double r = size * (style.minRadius + style.radiusSpan * rng.nextDouble());
        double start = 0.5 * (1 - style.travel); // SHAPES: travel 1, start 0 -> r + u (size - 2r)
        double cx = r + (start + style.travel * rng.nextDouble()) * (size - 2 * r);
        double cy = r + (start + style.travel * rng.nextDouble()) * (size - 2 * r);
        double theta = rng.nextDouble() * 2 * Math.PI;
        double sat = style.gray ? 0 : 1; // gray: the same draws, saturation 0
        int[] fg = hsv(rng.nextDouble(), sat * (0.8 + 0.2 * rng.nextDouble()), 0.85 + 0.15 * rng.nextDouble());
        int[] dark = hsv(rng.nextDouble(), sat * 0.5 * rng.nextDouble(), 0.08 + 0.15 * rng.nextDouble());
        double bgScale = style.gray ? 0.45 : 1;
        double period = Math.max(4.0, size * (0.07 + 0.06 * rng.nextDouble()));
        double texAngle = rng.nextDouble() * Math.PI;

        byte[] rgb = new byte[size * size * 3];
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        double dc = StrictMath.cos(dir);
        double ds = StrictMath.sin(dir);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double px = x + 0.5 - cx;
                double py = y + 0.5 - cy;
                double qx = (cos * px + sin * py) / r; // rotate into object frame, unit radius
                double qy = (-sin * px + cos * py) / r;
                int[] c;
                boolean in = inside(shape, qx, qy);
                if (objectMask != null) {
                    objectMask[y * size + x] = in;
                }
                if (in) {
                    c = !style.textured || textureOn(texture, qx * r, qy * r, period, texAngle) ? fg : dark;
                } else {
                    double t = ((x + 0.5) / size - 0.5) * dc + ((y + 0.5) / size - 0.5) * ds + 0.5; // ~[0, 1]
                    c = hsv(bgHue, sat * bgSat, bgScale * clamp(v0 + (v1 - v0) * t));
                }
                int o = (y * size + x) * 3;
                rgb[o] = (byte) c[0];
                rgb[o + 1] = (byte) c[1];
                rgb[o + 2] = (byte) c[2];
            }
        }
        return new DecodedImage(size, size, rgb);
    }

    static boolean inside(int shape, double x, double y) {
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        double rr = x * x + y * y;
        return switch (shape) {
            case 0 -> rr <= 1;
            case 1 -> ax <= 0.8 && ay <= 0.8;
            case 2 -> inPolygon(TRIANGLE, x, y);
            case 3 -> inPolygon(STAR, x, y);
            case 4 -> rr <= 1 && rr >= 0.55 * 0.55;
            case 5 -> (ax <= 0.3 && ay <= 1) || (ay <= 0.3 && ax <= 1);
            case 6 -> x * x + (y / 0.55) * (y / 0.55) <= 1;
            case 7 -> inPolygon(HEXAGON, x, y);
            case 8 -> ax / 0.65 + ay <= 1;
            case 9 -> inPolygon(ARROW, x, y);
            default -> throw new IllegalArgumentException("No shape " + shape);
        };
    }

    /** Whether texture pixel (u, v) (object frame, pixels) takes the bright colour. */
    private static boolean textureOn(int texture, double u, double v, double period, double angle) {
        double a = StrictMath.cos(angle) * u + StrictMath.sin(angle) * v;
        double b = -StrictMath.sin(angle) * u + StrictMath.cos(angle) * v;
        return switch (texture) {
            case 0 -> Math.floorMod((long) Math.floor(a / (period / 2)), 2) == 0;
            case 1 -> Math.floorMod((long) Math.floor(a / (period / 2)) + (long) Math.floor(b / (period / 2)), 2) == 0;
            case 2 -> {
                double da = a - period * Math.floor(a / period) - period / 2;
                double db = b - period * Math.floor(b / period) - period / 2;
                yield da * da + db * db > (0.3 * period) * (0.3 * period);
            }
            default -> throw new IllegalArgumentException("No texture " + texture);
        };
    }

    /** Even-odd point-in-polygon test. */
    private static boolean inPolygon(double[][] poly, double x, double y) {
        boolean in = false;
        for (int i = 0, j = poly.length - 1; i < poly.length; j = i++) {
            double xi = poly[i][0];
            double yi = poly[i][1];
            double xj = poly[j][0];
            double yj = poly[j][1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }

    private static double[][] regular(int n, double radius, double start) {
        double[][] p = new double[n][];
        for (int k = 0; k < n; k++) {
            double a = start + 2 * Math.PI * k / n;
            p[k] = new double[] {radius * StrictMath.cos(a), radius * StrictMath.sin(a)};
        }
        return p;
    }

    private static double[][] star() {
        double[][] p = new double[10][];
        for (int k = 0; k < 10; k++) {
            double a = -Math.PI / 2 + Math.PI * k / 5;
            double rad = k % 2 == 0 ? 1.0 : 0.45;
            p[k] = new double[] {rad * StrictMath.cos(a), rad * StrictMath.sin(a)};
        }
        return p;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** HSV in [0, 1] (hue wraps) to 8-bit RGB. */
    static int[] hsv(double h, double s, double v) {
        double hh = (h - Math.floor(h)) * 6;
        int sector = (int) Math.floor(hh) % 6;
        double f = hh - Math.floor(hh);
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
        return new int[] {
            (int) Math.round(rgb[0] * 255), (int) Math.round(rgb[1] * 255), (int) Math.round(rgb[2] * 255)
        };
    }
}
