package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.SessionLog;
import io.mae4j.tensorboard.proto.Summary;
import io.mae4j.tensorboard.proto.hparams.HParamsPluginData;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Serialised bytes encoded by hand from TensorBoard's own .proto definitions (field number, wire
 * type): a wrong field number in src/main/proto would change them. Protobuf writes fields in
 * number order; a tag byte is (field << 3) | wire type (0 varint, 2 length-delimited, 5 fixed32).
 */
class WireFormatTest {

    private static String hex(com.google.protobuf.MessageLite m) {
        return HexFormat.of().formatHex(m.toByteArray());
    }

    @Test
    void scalarEvent() {
        Event e = Event.newBuilder().setStep(3)
                .setSummary(Summary.newBuilder().addValue(Summaries.scalar("a", 1.0))).build();
        // Event.step (2, varint) 3 | Event.summary (5) { Summary.value (1) { tag (1) "a" | simple_value (2, fixed32) 1.0f } }
        assertEquals("1003" + "2a0a" + "0a08" + "0a0161" + "150000803f", hex(e));
    }

    @Test
    void fileVersionAndSessionStart() {
        assertEquals("1a0d" + HexFormat.of().formatHex("brain.Event:2".getBytes()), // Event.file_version (3)
                hex(Event.newBuilder().setFileVersion(EventFileWriter.FILE_VERSION).build()));
        // Event.step 1000 (varint e8 07) | Event.session_log (7) { status (1) START = 1 }
        assertEquals("10e807" + "3a020801", hex(Event.newBuilder().setStep(1000)
                .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build()));
    }

    @Test
    void textValue() {
        // tag (1) "t" | tensor (8) { dtype (1) DT_STRING = 7 | tensor_shape (2) {} | string_val (8) "x" }
        // | metadata (9) { plugin_data (1) { plugin_name (1) "text" } }
        assertEquals("0a0174" + "4207" + "0807" + "1200" + "420178" + "4a08" + "0a06" + "0a0474657874",
                hex(Summaries.text("t", "x")));
    }

    @Test
    void imageAndHistogramValues() {
        // image (4) { height (1) 2 | width (2) 3 | colorspace (3) 3 | encoded_image_string (4) "P" }
        assertEquals("0a0169" + "2209" + "0802" + "1003" + "1803" + "220150",
                hex(Summaries.pngImage("i", new byte[] {'P'}, 3, 2)));
        // histo (5) { min (1) 1.0 | max (2) 1.0 | num (3) 1.0 | sum (4) 1.0 | sum_squares (5) 1.0
        //             | bucket_limit (6, packed) [1.0] | bucket (7, packed) [1.0] }: 5 · 9 + 2 · 10 = 65 = 0x41 bytes
        String one = "000000000000f03f";
        assertEquals("0a0168" + "2a41" + "09" + one + "11" + one + "19" + one + "21" + one + "29" + one + "3208" + one
                + "3a08" + one, hex(Summaries.histogram("h", Histogram.of(new double[] {1}, 4))));
    }

    @Test
    void hparamsPluginContent() throws Exception {
        Summary.Value end = HParams.sessionEnd(RunStatus.SUCCESS, 0);
        // HParamsPluginData.session_end_info (4) { status (1) STATUS_SUCCESS = 1 }; version 0 is not written
        assertEquals("22020801", hex(HParamsPluginData.parseFrom(end.getMetadata().getPluginData().getContent())));
        Summary.Value start = HParams.sessionStart(java.util.Map.of("r", 0.5), "", 0);
        // session_start_info (3) { hparams (1) { key (1) "r" | value (2) { number_value (2) 0.5 } } }
        assertEquals("1a10" + "0a0e" + "0a0172" + "1209" + "11000000000000e03f",
                hex(HParamsPluginData.parseFrom(start.getMetadata().getPluginData().getContent())));
        Summary.Value exp = HParams.experiment(java.util.Map.of("r", 0.5), List.of("m"), 0);
        // experiment (2) { hparam_infos (4) { name (1) "r" | type (4) FLOAT64 = 3 } | metric_infos (5) { name (1) { tag (2) "m" } } }
        assertEquals("120e" + "2205" + "0a0172" + "2003" + "2a05" + "0a03" + "12016d",
                hex(HParamsPluginData.parseFrom(exp.getMetadata().getPluginData().getContent())));
        // the empty float tensor beside them: tensor (8) { dtype (1) DT_FLOAT = 1 | tensor_shape (2) { dim (2) { size (1) 0 } } }
        assertEquals("4206" + "0801" + "1202" + "1200", hex(end).substring(hex(end).indexOf("4206"), hex(end).indexOf("4206") + 16));
    }
}
