package io.mae4j.model.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The official MAE / timm ViT parameter names and their normalisation.
 *
 * <p>Encoder: {@code cls_token}, {@code pos_embed}, {@code patch_embed.proj.{weight,bias}},
 * {@code blocks.<i>.{norm1,attn.qkv,attn.proj,norm2,mlp.fc1,mlp.fc2}.{weight,bias}},
 * {@code norm.{weight,bias}}. Decoder: {@code mask_token}, {@code decoder_pos_embed},
 * {@code decoder_embed.*}, {@code decoder_blocks.<i>.*}, {@code decoder_norm.*}, {@code decoder_pred.*}.
 *
 * <p>Normalisation strips wrapper prefixes ({@code module.} of DistributedDataParallel,
 * {@code _orig_mod.} of torch.compile) and skips what a timm / fine-tuned ViT has beyond the MAE
 * encoder: {@code head.*} (classifier), {@code fc_norm.*} (norm after global average pooling) and
 * {@code pre_logits.*} (representation layer).
 */
public final class OfficialNames {

    /** Prefixes removed from every name (repeatedly). */
    public static final List<String> STRIPPED_PREFIXES = List.of("module.", "_orig_mod.");

    private static final Map<String, String> SKIPPED_GROUPS = Map.of(
            "head", "classification head of a timm / fine-tuned ViT: not part of the MAE encoder",
            "fc_norm", "timm norm after global average pooling: not part of the MAE encoder",
            "pre_logits", "timm representation layer (pre_logits) before the head: not part of the MAE encoder");

    private OfficialNames() {}

    /** True for decoder parameters: {@code mask_token} and every {@code decoder_*} name. */
    public static boolean isDecoderName(String name) {
        return name.equals("mask_token") || name.startsWith("decoder_");
    }

    /**
     * Strips prefixes, skips timm extras and detects the checkpoint kind.
     *
     * @throws IllegalArgumentException when two names become the same after stripping
     */
    public static NameNormalization normalize(StateDict in) {
        StateDict out = new StateDict(in.source());
        in.notes().forEach(out::addNote);
        in.extras().forEach(out::putExtra);
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, String> originalOf = new LinkedHashMap<>();
        Map<String, Integer> strippedCount = new TreeMap<>();
        boolean head = false;
        boolean fcNorm = false;
        boolean preLogits = false;
        for (Map.Entry<String, TensorData> e : in) {
            String name = e.getKey();
            String stripped = stripPrefixes(name, strippedCount);
            String group = stripped.contains(".") ? stripped.substring(0, stripped.indexOf('.')) : stripped;
            if (SKIPPED_GROUPS.containsKey(group)) {
                skipped.put(name, SKIPPED_GROUPS.get(group));
                head |= group.equals("head");
                fcNorm |= group.equals("fc_norm");
                preLogits |= group.equals("pre_logits");
                continue;
            }
            String previous = originalOf.putIfAbsent(stripped, name);
            if (previous != null) {
                throw new IllegalArgumentException("'" + previous + "' and '" + name + "' in " + in.source()
                        + " both become '" + stripped + "' once prefixes " + STRIPPED_PREFIXES + " are removed");
            }
            out.put(stripped, e.getValue());
        }

        List<String> notes = new ArrayList<>();
        strippedCount.forEach((p, n) -> notes.add("stripped prefix '" + p + "' from " + n + " names"));
        if (head) {
            notes.add("classification head (head.*) skipped");
        }
        if (fcNorm) {
            notes.add("fc_norm.* skipped: the model was fine-tuned with global average pooling"
                    + (out.contains("norm.weight") ? "" : ", so it has no final 'norm' (it keeps its initialisation)"));
        }
        if (preLogits) {
            notes.add("pre_logits.* skipped: the checkpoint has a representation layer before its head");
        }
        CheckpointKind kind = detectKind(out, head);
        notes.add("checkpoint kind: " + kind.description());
        return new NameNormalization(out, skipped, notes, kind);
    }

    private static String stripPrefixes(String name, Map<String, Integer> counts) {
        boolean again = true;
        while (again) {
            again = false;
            for (String p : STRIPPED_PREFIXES) {
                if (name.startsWith(p) && name.length() > p.length()) {
                    name = name.substring(p.length());
                    counts.merge(p, 1, Integer::sum);
                    again = true;
                }
            }
        }
        return name;
    }

    private static CheckpointKind detectKind(StateDict sd, boolean hadHead) {
        boolean decoder = sd.names().stream().anyMatch(OfficialNames::isDecoderName);
        boolean encoder = sd.contains("patch_embed.proj.weight") || sd.names().stream().anyMatch(n -> n.startsWith("blocks."));
        if (decoder) {
            return CheckpointKind.MAE_WITH_DECODER;
        }
        if (hadHead) {
            return CheckpointKind.TIMM_CLASSIFIER;
        }
        return encoder ? CheckpointKind.MAE_ENCODER_ONLY : CheckpointKind.UNKNOWN;
    }
}
