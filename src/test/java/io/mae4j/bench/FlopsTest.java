package io.mae4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mae4j.model.MaeConfig;
import org.junit.jupiter.api.Test;

class FlopsTest {

    @Test
    void blockCountsEveryMatmulOnce() {
        // T = 2 tokens, D = 4, ratio 4: qkv 2·2·4·12 = 192, scores+mix 2·(2·2·2·4) = 64, proj 64, MLP 2·2·2·4·16 = 512
        assertEquals(192 + 64 + 64 + 512, Flops.block(2, 4, 4), 1e-9);
    }

    @Test
    void vitB16MatchesTheReferenceFigure() {
        // the reference: one ViT-B/16 MAE training image ≈ 58 GFLOP, forward ≈ 19
        MaeConfig b16 = new MaeConfig(224, 16, 3, 768, 12, 12, 4.0, 512, 8, 16, false);
        assertEquals(19.6, Flops.maeForward(b16, 49) / 1e9, 0.1);
        assertEquals(58.7, Flops.maeTrain(b16, 49) / 1e9, 0.3);
    }
}
