package io.mae4j.tensorboard;

import com.google.protobuf.ByteString;
import io.mae4j.tensorboard.proto.DataType;
import io.mae4j.tensorboard.proto.HistogramProto;
import io.mae4j.tensorboard.proto.Summary;
import io.mae4j.tensorboard.proto.SummaryMetadata;
import io.mae4j.tensorboard.proto.TensorProto;
import io.mae4j.tensorboard.proto.TensorShapeProto;
import java.nio.charset.StandardCharsets;

/**
 * Builds the {@code Summary.Value}s TensorBoard's dashboards read, in the forms TensorBoard's own
 * summary ops write:
 *
 * <ul>
 *   <li>scalar: {@code simple_value} (TensorBoard converts it to its scalars plugin on load);
 *   <li>image: {@code Summary.Image} with PNG bytes, colorspace 3 (RGB; {@link #png} reads it from
 *       the PNG);
 *   <li>histogram: {@code histo}, a {@code HistogramProto};
 *   <li>text: plugin {@code "text"} with a scalar {@code DT_STRING} tensor holding markdown.
 * </ul>
 *
 * The HParams plugin's values are built by {@link HParams}.
 */
public final class Summaries {

    /** The text plugin's name in {@code SummaryMetadata.plugin_data}. */
    public static final String TEXT_PLUGIN = "text";

    private Summaries() {}

    /** A scalar ({@code simple_value}, stored as float32 as TensorBoard does). */
    public static Summary.Value scalar(String tag, double value) {
        return Summary.Value.newBuilder().setTag(checkTag(tag)).setSimpleValue((float) value).build();
    }

    /** A PNG image. */
    public static Summary.Value image(String tag, RgbImage image) {
        return pngImage(tag, image.toPng(), image.width(), image.height());
    }

    /** An already encoded RGB PNG of the given size. */
    public static Summary.Value pngImage(String tag, byte[] png, int width, int height) {
        Summary.Image img = Summary.Image.newBuilder().setWidth(width).setHeight(height).setColorspace(3)
                .setEncodedImageString(ByteString.copyFrom(png)).build();
        return Summary.Value.newBuilder().setTag(checkTag(tag)).setImage(img).build();
    }

    /**
     * An encoded PNG (e.g. a chart) whose size and colorspace are read from its header: colour
     * types gray, gray + alpha, RGB (or palette) and RGBA become colorspace 1, 2, 3 and 4.
     *
     * @throws IllegalArgumentException when {@code png} does not start with a PNG signature and an
     *     IHDR chunk
     */
    public static Summary.Value png(String tag, byte[] png) {
        if (png.length < 26 || (png[0] & 0xff) != 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G'
                || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
            throw new IllegalArgumentException("the image for '" + tag + "' is not a PNG (no signature and IHDR)");
        }
        int width = bigEndianInt(png, 16);
        int height = bigEndianInt(png, 20);
        int colorspace = switch (png[25]) {
            case 0 -> 1; // gray
            case 4 -> 2; // gray + alpha
            case 6 -> 4; // RGBA
            default -> 3; // RGB, palette
        };
        Summary.Image img = Summary.Image.newBuilder().setWidth(width).setHeight(height).setColorspace(colorspace)
                .setEncodedImageString(ByteString.copyFrom(png)).build();
        return Summary.Value.newBuilder().setTag(checkTag(tag)).setImage(img).build();
    }

    private static int bigEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** A histogram. */
    public static Summary.Value histogram(String tag, HistogramProto histogram) {
        return Summary.Value.newBuilder().setTag(checkTag(tag)).setHisto(histogram).build();
    }

    /**
     * Markdown text for the text dashboard: a scalar string tensor with the text plugin's metadata
     * (its plugin content, {@code TextPluginData} version 0, serialises to no bytes).
     */
    public static Summary.Value text(String tag, String markdown) {
        TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.getDefaultInstance()) // scalar: no dims
                .addStringVal(ByteString.copyFrom(markdown, StandardCharsets.UTF_8)).build();
        SummaryMetadata meta = SummaryMetadata.newBuilder()
                .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(TEXT_PLUGIN)).build();
        return Summary.Value.newBuilder().setTag(checkTag(tag)).setMetadata(meta).setTensor(tensor).build();
    }

    /** Markdown that shows {@code text} verbatim in a fixed-width block (every line indented by 4 spaces). */
    public static String codeBlock(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 256);
        for (String line : text.split("\n", -1)) {
            sb.append("    ").append(line).append('\n');
        }
        return sb.toString();
    }

    static String checkTag(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("a summary tag must not be empty, got '" + tag + "'");
        }
        return tag;
    }
}
