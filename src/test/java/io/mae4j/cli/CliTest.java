package io.mae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: exit codes, printed output and files written. */
class CliTest extends ConsoleCapture {

    @TempDir
    Path tmp;




    private List<String> tiny(String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "model.img_size=32", "model.patch_size=8", "model.embed_dim=32", "model.depth=1",
                "model.num_heads=2", "model.decoder_embed_dim=16", "model.decoder_depth=1",
                "model.decoder_num_heads=2", "data.root=" + tmp.resolve("synth"), "data.synth.classes=4",
                "data.synth.train_per_class=4", "data.synth.val_per_class=2", "data.synth.image_size=32",
                "train.batch_size=8", "train.epochs=1", "eval.every=0", "runs_dir=" + tmp.resolve("runs")));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void configShowPrintsTheResolvedConfig() {
        assertEquals(0, Main.execute("config", "show", "model=vit_b16", "train.epochs=7"));
        assertTrue(out().contains("embed_dim = 768"), out());
        assertTrue(out().contains("epochs = 7"), out());
    }

    @Test
    void unknownKeyIsAUsageErrorWithASuggestion() {
        assertEquals(2, Main.execute("config", "show", "train.epoch=3"));
        assertTrue(err().contains("did you mean 'train.epochs'"), err());
        assertEquals(2, Main.execute("train", "model=vit_b61"));
        assertTrue(err().contains("vit_b16"), err());
    }

    @Test
    void multirunRunsEveryCombinationIntoItsOwnFolder() throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--multirun", "mask=random,block"));
        args.addAll(tiny("seed=0,1"));
        assertEquals(0, Main.execute(args.toArray(String[]::new)), err());
        Path exp = tmp.resolve("runs/default");
        Path sweep;
        try (Stream<Path> s = Files.list(exp)) {
            sweep = s.filter(p -> p.getFileName().toString().startsWith("multirun-")).findFirst().orElseThrow();
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(Files.exists(sweep.resolve(i + "/checkpoints/last.ckpt")), "member " + i);
        }
        // order: the first argument varies slowest
        assertTrue(Files.readString(sweep.resolve("1/config.conf")).contains("seed = 1"));
        assertTrue(Files.readString(sweep.resolve("2/config.conf")).contains("name = \"block\""));
    }

    @Test
    void synthTrainExportAndInspectWeights() throws Exception {
        List<String> synth = new ArrayList<>(List.of("synth"));
        synth.addAll(tiny().subList(8, 13));
        assertEquals(0, Main.execute(synth.toArray(String[]::new)), err());
        assertTrue(Files.isDirectory(tmp.resolve("synth/train")));
        List<String> train = new ArrayList<>(List.of("train"));
        train.addAll(tiny());
        assertEquals(0, Main.execute(train.toArray(String[]::new)), err());
        String runLine = out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow();
        Path run = Path.of(runLine.substring("run folder: ".length()));
        Path pth = tmp.resolve("export/mae.pth");
        assertEquals(0, Main.execute("weights", "export", run.toString(), pth.toString()), err());
        assertEquals(0, Main.execute("weights", "convert", pth.toString(), tmp.resolve("mae.safetensors").toString()));
        out.reset();
        assertEquals(0, Main.execute("weights", "inspect", tmp.resolve("mae.safetensors").toString()));
        assertTrue(out().contains("blocks.0.attn.qkv.weight"), out());
        assertTrue(out().contains("(96, 32)"), out());
        assertTrue(out().contains("decoder_pred.weight"), out());
        // the exported weights start a new run
        List<String> init = new ArrayList<>(train);
        init.add("model.init_weights=" + pth);
        assertEquals(0, Main.execute(init.toArray(String[]::new)), err());
    }
}
