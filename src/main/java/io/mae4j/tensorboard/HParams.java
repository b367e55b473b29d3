package io.mae4j.tensorboard;

import com.google.protobuf.Value;
import io.mae4j.tensorboard.proto.DataType;
import io.mae4j.tensorboard.proto.Summary;
import io.mae4j.tensorboard.proto.SummaryMetadata;
import io.mae4j.tensorboard.proto.TensorProto;
import io.mae4j.tensorboard.proto.TensorShapeProto;
import io.mae4j.tensorboard.proto.hparams.Experiment;
import io.mae4j.tensorboard.proto.hparams.HParamInfo;
import io.mae4j.tensorboard.proto.hparams.HParamsPluginData;
import io.mae4j.tensorboard.proto.hparams.MetricInfo;
import io.mae4j.tensorboard.proto.hparams.MetricName;
import io.mae4j.tensorboard.proto.hparams.SessionEndInfo;
import io.mae4j.tensorboard.proto.hparams.SessionStartInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HParams plugin's summaries, as TensorBoard's {@code hparams.summary_v2} writes them: three
 * tags whose whole content sits in {@code SummaryMetadata.plugin_data} (plugin {@code "hparams"},
 * content = a serialised {@code HParamsPluginData}, version 0) beside an empty float tensor.
 *
 * <ul>
 *   <li>{@value #EXPERIMENT_TAG}: the columns (hyperparameter names and types, metric tags);
 *   <li>{@value #SESSION_START_TAG}: this run's hyperparameter values;
 *   <li>{@value #SESSION_END_TAG}: its status.
 * </ul>
 *
 * Every mae4j run writes all three into its own event file with an empty group name, so each run
 * is its own row. TensorBoard takes the first experiment it finds among the runs, and the first
 * metadata of a tag within a run.
 */
public final class HParams {

    /** Plugin name in {@code SummaryMetadata.plugin_data}. */
    public static final String PLUGIN = "hparams";
    /** Tag of the experiment description. */
    public static final String EXPERIMENT_TAG = "_hparams_/experiment";
    /** Tag of a session's hyperparameter values. */
    public static final String SESSION_START_TAG = "_hparams_/session_start_info";
    /** Tag of a session's end status. */
    public static final String SESSION_END_TAG = "_hparams_/session_end_info";

    private static final TensorProto NULL_TENSOR = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
            .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(0))).build();

    private HParams() {}

    /**
     * The experiment: one column per hyperparameter (typed from its value) and per metric tag.
     *
     * @param hparams name → Number, Boolean or String
     * @param metricTags scalar tags of the run shown as metric columns (e.g. "eval/knn_top1")
     * @param timeCreatedSecs seconds since the unix epoch
     */
    public static Summary.Value experiment(Map<String, ?> hparams, List<String> metricTags, double timeCreatedSecs) {
        Experiment.Builder e = Experiment.newBuilder().setTimeCreatedSecs(timeCreatedSecs);
        new TreeMap<>(hparams).forEach((name, v) -> e.addHparamInfos(
                HParamInfo.newBuilder().setName(name).setType(typeOf(name, v))));
        for (String tag : metricTags) {
            e.addMetricInfos(MetricInfo.newBuilder().setName(MetricName.newBuilder().setTag(Summaries.checkTag(tag))));
        }
        return value(EXPERIMENT_TAG, HParamsPluginData.newBuilder().setExperiment(e));
    }

    /**
     * A session's start: its hyperparameter values.
     *
     * @param hparams name → Number, Boolean or String
     * @param groupName sessions sharing a group name are aggregated; "" = this run alone
     * @param startTimeSecs seconds since the unix epoch
     */
    public static Summary.Value sessionStart(Map<String, ?> hparams, String groupName, double startTimeSecs) {
        SessionStartInfo.Builder s = SessionStartInfo.newBuilder().setGroupName(groupName).setStartTimeSecs(startTimeSecs);
        new TreeMap<>(hparams).forEach((name, v) -> s.putHparams(name, toValue(name, v)));
        return value(SESSION_START_TAG, HParamsPluginData.newBuilder().setSessionStartInfo(s));
    }

    /** A session's end with its status. */
    public static Summary.Value sessionEnd(RunStatus status, double endTimeSecs) {
        return value(SESSION_END_TAG, HParamsPluginData.newBuilder().setSessionEndInfo(
                SessionEndInfo.newBuilder().setStatus(status.proto()).setEndTimeSecs(endTimeSecs)));
    }

    private static Summary.Value value(String tag, HParamsPluginData.Builder data) {
        SummaryMetadata meta = SummaryMetadata.newBuilder().setPluginData(SummaryMetadata.PluginData.newBuilder()
                .setPluginName(PLUGIN).setContent(data.setVersion(0).build().toByteString())).build();
        return Summary.Value.newBuilder().setTag(tag).setMetadata(meta).setTensor(NULL_TENSOR).build();
    }

    private static io.mae4j.tensorboard.proto.hparams.DataType typeOf(String name, Object v) {
        if (v instanceof Boolean) {
            return io.mae4j.tensorboard.proto.hparams.DataType.DATA_TYPE_BOOL;
        }
        if (v instanceof Number) {
            return io.mae4j.tensorboard.proto.hparams.DataType.DATA_TYPE_FLOAT64;
        }
        if (v instanceof String) {
            return io.mae4j.tensorboard.proto.hparams.DataType.DATA_TYPE_STRING;
        }
        throw unsupported(name, v);
    }

    private static Value toValue(String name, Object v) {
        if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (v instanceof String s) {
            return Value.newBuilder().setStringValue(s).build();
        }
        throw unsupported(name, v);
    }

    private static IllegalArgumentException unsupported(String name, Object v) {
        return new IllegalArgumentException("hyperparameter '" + name + "' = " + v + " has type "
                + (v == null ? "null" : v.getClass().getSimpleName()) + ": use a number, a boolean or a string");
    }
}
