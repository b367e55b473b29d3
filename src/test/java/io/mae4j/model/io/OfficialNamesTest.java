package io.mae4j.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prefix stripping, timm extras, kind detection, and unwrapping of checkpoint trees. */
class OfficialNamesTest {

    private static TensorData one() {
        return new TensorData(new long[] {1}, new float[] {1});
    }

    @Test
    void stripsWrapperPrefixesAndDetectsDecoder() throws Exception {
        NameNormalization n = OfficialNames.normalize(WeightFiles.read(Fixtures.path("wrapped_checkpoint.pth")));
        assertEquals("cls_token", n.weights().names().iterator().next());
        assertFalse(n.weights().names().stream().anyMatch(s -> s.startsWith("module.")));
        assertEquals(CheckpointKind.MAE_WITH_DECODER, n.kind());
        assertTrue(n.notes().contains("stripped prefix 'module.' from 12 names"), n.notes().toString());
        assertEquals(3, n.weights().extras().get("epoch"));
    }

    @Test
    void timmClassifierExtrasAreSkippedWithReasons() {
        StateDict sd = new StateDict("vit.pth");
        for (String s : List.of("_orig_mod.module.patch_embed.proj.weight", "blocks.0.norm1.weight", "fc_norm.weight",
                "fc_norm.bias", "head.weight", "pre_logits.fc.bias")) {
            sd.put(s, one());
        }
        NameNormalization n = OfficialNames.normalize(sd);
        assertEquals(List.of("patch_embed.proj.weight", "blocks.0.norm1.weight"), List.copyOf(n.weights().names()));
        assertEquals(List.of("fc_norm.weight", "fc_norm.bias", "head.weight", "pre_logits.fc.bias"), List.copyOf(n.skipped().keySet()));
        assertEquals(CheckpointKind.TIMM_CLASSIFIER, n.kind());
        assertTrue(n.notes().stream().anyMatch(s -> s.contains("no final 'norm'")), n.notes().toString());
        assertTrue(n.notes().stream().anyMatch(s -> s.startsWith("pre_logits.* skipped")), n.notes().toString());
    }

    @Test
    void encoderOnlyAndUnknownKinds() {
        StateDict enc = new StateDict().put("cls_token", one()).put("blocks.3.attn.qkv.weight", one()).put("norm.bias", one());
        assertEquals(CheckpointKind.MAE_ENCODER_ONLY, OfficialNames.normalize(enc).kind());
        assertEquals(CheckpointKind.UNKNOWN, OfficialNames.normalize(new StateDict().put("conv1.weight", one())).kind());
        assertTrue(OfficialNames.isDecoderName("mask_token") && OfficialNames.isDecoderName("decoder_blocks.0.mlp.fc1.bias"));
        assertFalse(OfficialNames.isDecoderName("blocks.0.mlp.fc1.bias"));
    }

    @Test
    void collidingNamesAfterStrippingAreAnError() {
        StateDict sd = new StateDict("c.pth").put("norm.weight", one()).put("module.norm.weight", one());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfficialNames.normalize(sd));
        assertTrue(e.getMessage().contains("'norm.weight' and 'module.norm.weight'"), e.getMessage());
    }

    @Test
    void unwrapsStateDictAndNestedModuleKeys() throws Exception {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("w", one());
        inner.put("version", 2);
        Map<Object, Object> tree = new LinkedHashMap<>();
        tree.put("state_dict", Map.of("module", inner));
        tree.put("epoch", 9);
        StateDict sd = CheckpointUnwrapper.toStateDict(tree, "t.pth");
        assertEquals(List.of("w"), List.copyOf(sd.names()));
        assertEquals(9, sd.extras().get("epoch"));
        assertTrue(sd.notes().get(0).startsWith("unwrapped 'state_dict'"), sd.notes().toString());
        assertTrue(sd.notes().get(1).startsWith("unwrapped 'state_dict.module'"), sd.notes().toString());
        assertTrue(sd.notes().get(2).contains("version (Integer)"), sd.notes().toString());
        assertThrows(WeightFileException.class, () -> CheckpointUnwrapper.toStateDict(List.of(1), "l.pth"));
    }

    @Test
    void formatFollowsExtension() {
        assertEquals(WeightFormat.PTH, WeightFormat.of(Path.of("a/B.PTH")));
        assertEquals(WeightFormat.PTH, WeightFormat.of(Path.of("b.pt")));
        assertEquals(WeightFormat.NPZ, WeightFormat.of(Path.of("c.npz")));
        assertEquals(WeightFormat.SAFETENSORS, WeightFormat.of(Path.of("model.safetensors")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightFormat.of(Path.of("w.ckpt")));
        assertTrue(e.getMessage().contains("'w.ckpt'") && e.getMessage().contains(".safetensors"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> WeightFiles.read(Path.of("/nonexistent/x.pth")));
    }
}
