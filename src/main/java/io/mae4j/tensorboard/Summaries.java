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
 *   <li>image: {@code Summary.Image} with PNG bytes, colorspace 3 (RGB);
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
