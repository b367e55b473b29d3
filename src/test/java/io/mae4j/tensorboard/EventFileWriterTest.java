package io.mae4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mae4j.tensorboard.proto.DataType;
import io.mae4j.tensorboard.proto.Event;
import io.mae4j.tensorboard.proto.SessionLog;
import io.mae4j.tensorboard.proto.Summary;
import io.mae4j.tensorboard.proto.hparams.HParamsPluginData;
import io.mae4j.tensorboard.proto.hparams.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every summary kind written by {@link EventFileWriter} and read back by {@link EventFileReader}. */
class EventFileWriterTest {

    @TempDir
    Path tmp;

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void firstRecordCarriesTheFileVersionAndTheNameFollowsTheConvention() throws IOException {
        try (EventFileWriter w = EventFileWriter.open(tmp, HOUR)) {
            String name = w.file().getFileName().toString();
            assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+"), name);
            long secs = Long.parseLong(name.split("\\.")[3]);
            assertTrue(Math.abs(secs - System.currentTimeMillis() / 1000) < 60, name);
            // written at open, before any flush
            List<Event> events = EventFileReader.read(w.file()).events();
            assertEquals(1, events.size());
            assertEquals("brain.Event:2", events.get(0).getFileVersion());
            assertEquals("mae4j", events.get(0).getSourceMetadata().getWriter());
        }
        assertEquals("events.out.tfevents.17.my_host.x", EventFileWriter.fileName(17, "my host.x"));
    }

    @Test
    void twoWritersInOneFolderGetTwoFiles() throws IOException {
        try (EventFileWriter a = EventFileWriter.open(tmp, HOUR); EventFileWriter b = EventFileWriter.open(tmp, HOUR)) {
            assertNotEquals(a.file(), b.file());
            assertEquals(2, EventFileReader.eventFiles(tmp).size());
        }
    }

    @Test
    void roundTripsEverySummaryKind() throws IOException {
        RgbImage img = RgbImage.blank(4, 3);
        img.set(1, 2, 200, 100, 50);
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("train.blr", 1.5e-4);
        hp.put("model.norm_pix_loss", true);
        hp.put("mask.name", "random");
        Path file;
        try (EventFileWriter w = EventFileWriter.open(tmp, HOUR)) {
            file = w.file();
            w.addSessionStart(0);
            w.addScalar("train/loss", 0.625, 1500);
            w.addImage("images/reconstruction", img, 2);
            w.addHistogram("train/loss_per_sample", new float[] {0, 1, 2, 3}, 2, 3);
            w.addText("config", "# title\nseed = 0", 0);
            w.addHParams(hp, List.of("eval/knn_top1", "train/loss"));
            w.endHParamsSession(RunStatus.FAILURE);
        }
        List<Event> ev = EventFileReader.read(file).events();
        assertEquals(8, ev.size()); // file version, START, 5 summaries (hparams: experiment + start in one), end
        assertEquals(SessionLog.SessionStatus.START, ev.get(1).getSessionLog().getStatus());

        Summary.Value scalar = only(ev.get(2));
        assertEquals(1500, ev.get(2).getStep());
        assertEquals("train/loss", scalar.getTag());
        assertEquals(0.625f, scalar.getSimpleValue());
        assertTrue(ev.get(2).getWallTime() > 1.6e9);

        Summary.Image si = only(ev.get(3)).getImage();
        assertEquals(4, si.getWidth());
        assertEquals(3, si.getHeight());
        assertEquals(3, si.getColorspace());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(si.getEncodedImageString().toByteArray()));
        assertEquals(0xC86432, back.getRGB(1, 2) & 0xFFFFFF);

        Summary.Value histo = only(ev.get(4));
        assertEquals(3, ev.get(4).getStep());
        assertEquals(List.of(1.5, 3.0), histo.getHisto().getBucketLimitList());
        assertEquals(List.of(2.0, 2.0), histo.getHisto().getBucketList());
        assertEquals(14, histo.getHisto().getSumSquares());

        Summary.Value text = only(ev.get(5));
        assertEquals("text", text.getMetadata().getPluginData().getPluginName());
        assertEquals(DataType.DT_STRING, text.getTensor().getDtype());
        assertEquals(0, text.getTensor().getTensorShape().getDimCount()); // a scalar string
        assertEquals("# title\nseed = 0", text.getTensor().getStringVal(0).toString(StandardCharsets.UTF_8));

        List<Summary.Value> hparams = ev.get(6).getSummary().getValueList();
        assertEquals(List.of(HParams.EXPERIMENT_TAG, HParams.SESSION_START_TAG),
                hparams.stream().map(Summary.Value::getTag).toList());
        HParamsPluginData exp = plugin(hparams.get(0));
        assertEquals(List.of("mask.name", "model.norm_pix_loss", "train.blr"),
                exp.getExperiment().getHparamInfosList().stream().map(i -> i.getName()).toList());
        assertEquals(io.mae4j.tensorboard.proto.hparams.DataType.DATA_TYPE_STRING,
                exp.getExperiment().getHparamInfos(0).getType());
        assertEquals(io.mae4j.tensorboard.proto.hparams.DataType.DATA_TYPE_BOOL,
                exp.getExperiment().getHparamInfos(1).getType());
        assertEquals(List.of("eval/knn_top1", "train/loss"),
                exp.getExperiment().getMetricInfosList().stream().map(m -> m.getName().getTag()).toList());
        HParamsPluginData start = plugin(hparams.get(1));
        assertEquals(1.5e-4, start.getSessionStartInfo().getHparamsOrThrow("train.blr").getNumberValue());
        assertTrue(start.getSessionStartInfo().getHparamsOrThrow("model.norm_pix_loss").getBoolValue());
        assertEquals("random", start.getSessionStartInfo().getHparamsOrThrow("mask.name").getStringValue());
        assertEquals("", start.getSessionStartInfo().getGroupName()); // each run its own row
        assertEquals(0, hparams.get(1).getTensor().getTensorShape().getDim(0).getSize()); // the empty tensor

        Summary.Value end = only(ev.get(7));
        assertEquals(HParams.SESSION_END_TAG, end.getTag());
        assertEquals(Status.STATUS_FAILURE, plugin(end).getSessionEndInfo().getStatus());
    }

    @Test
    void backgroundThreadFlushesWithoutBeingAsked() throws Exception {
        try (EventFileWriter w = EventFileWriter.open(tmp, Duration.ofMillis(50))) {
            w.addScalar("a", 1, 0);
            long deadline = System.nanoTime() + 5_000_000_000L;
            int n = 1;
            while (n < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                n = EventFileReader.read(w.file()).events().size();
            }
            assertEquals(2, n, "the scalar should reach the file within the flush interval");
        }
    }

    @Test
    void nothingReachesTheFileBeforeTheIntervalOrAFlush() throws IOException {
        try (EventFileWriter w = EventFileWriter.open(tmp, HOUR)) {
            w.addScalar("a", 1, 0);
            w.addScalar("b", 2, 0);
            assertEquals(1, EventFileReader.read(w.file()).events().size());
            w.flush();
            EventFileReader.Contents c = EventFileReader.read(w.file());
            assertEquals(3, c.events().size());
            assertFalse(c.tornTail());
        }
    }

    @Test
    void closeFlushesAndLaterAddsFail() throws IOException {
        EventFileWriter w = EventFileWriter.open(tmp, HOUR);
        w.addScalar("a", 1, 0);
        w.close();
        w.close(); // a second close does nothing
        assertEquals(2, EventFileReader.read(w.file()).events().size());
        assertThrows(IllegalStateException.class, () -> w.addScalar("a", 2, 1));
        assertThrows(IllegalArgumentException.class, () -> EventFileWriter.open(tmp, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Summaries.scalar(" ", 1));
    }

    private static Summary.Value only(Event e) {
        assertEquals(1, e.getSummary().getValueCount(), e.toString());
        return e.getSummary().getValue(0);
    }

    private static HParamsPluginData plugin(Summary.Value v) throws InvalidProtocolBufferException {
        assertEquals("hparams", v.getMetadata().getPluginData().getPluginName());
        HParamsPluginData d = HParamsPluginData.parseFrom(v.getMetadata().getPluginData().getContent());
        assertEquals(0, d.getVersion());
        return d;
    }
}
