package io.mae4j.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * The look of the generated images ({@code data.synth.style}): how large the shape is, how far it
 * wanders from the centre and whether it is textured. Colours, background, rotation and the texture
 * family stay random in every style (none of them carries the class).
 *
 * <ul>
 *   <li>{@link #SHAPES}: the original set — radius 20–35% of the side, anywhere it fits, textured
 *       (stripes / checker / dots in a saturated and a dark colour). The class (the silhouette) is a
 *       small part of the pixel variance: a short CPU pre-training gives k-NN near chance.
 *   <li>{@link #BOLD}: radius 34–44% of the side, centre within ±15% of the free room, textured as
 *       SHAPES. The silhouette fills most patches, so a short run learns it (see README).
 *   <li>{@link #BOLD_PLAIN}: BOLD with a solid fill (keypoints only on the outline).
 *   <li>{@link #SILHOUETTE}: BOLD_PLAIN in gray levels on a darker gray gradient (the class is the shape alone).
 *   <li>{@link #SILHOUETTE_TEXTURED}: SILHOUETTE with the shape filled by a random two-gray texture, so SIFT
 *       finds keypoints all over the object (enough keypoint patches for a guided curriculum at 64 px).
 * </ul>
 */
public enum SynthStyle {
    /** The original look. */
    SHAPES(0.20, 0.15, 1.0, true),
    /** Large, roughly centred, textured shapes. */
    BOLD(0.34, 0.10, 0.30, true),
    /** Large, roughly centred, solid shapes. */
    BOLD_PLAIN(0.34, 0.10, 0.30, false),
    /** Large, roughly centred, solid light-gray shapes on a darker gray gradient. */
    SILHOUETTE(0.34, 0.10, 0.30, false, true),
    /** SILHOUETTE filled with a two-gray texture (keypoints inside the shape, none on the smooth background). */
    SILHOUETTE_TEXTURED(0.34, 0.10, 0.30, true, true);

    /** Smallest radius as a share of the image side. */
    final double minRadius;
    /** Radius range above {@link #minRadius}, as a share of the side. */
    final double radiusSpan;
    /** Share of the free room (side − 2r) the centre may move over; 1 = anywhere the shape fits. */
    final double travel;
    /** Whether the shape is filled with a two-colour texture (else the bright colour only). */
    final boolean textured;

    /** Whether every colour is a gray level (saturation 0) and the background is darkened to 45%. */
    final boolean gray;

    SynthStyle(double minRadius, double radiusSpan, double travel, boolean textured) {
        this(minRadius, radiusSpan, travel, textured, false);
    }

    SynthStyle(double minRadius, double radiusSpan, double travel, boolean textured, boolean gray) {
        this.minRadius = minRadius;
        this.radiusSpan = radiusSpan;
        this.travel = travel;
        this.textured = textured;
        this.gray = gray;
    }

    /** The config / synth.json name: lower case ({@code shapes}, {@code bold}, {@code bold_plain}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The style of a {@code data.synth.style} value.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static SynthStyle of(String key) {
        for (SynthStyle s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("data.synth.style = '" + key + "' is unknown: use one of "
                + Arrays.stream(values()).map(SynthStyle::key).toList());
    }
}
