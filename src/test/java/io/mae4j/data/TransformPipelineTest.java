package io.mae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ToTensor + Normalize values, MaeTransform composition and settings validation. */
class TransformPipelineTest {

    private static final float[] MEAN = TransformSettings.IMAGENET_MEAN;
    private static final float[] STD = TransformSettings.IMAGENET_STD;

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLoader.ensure();
    }

    @Test
    void toTensorNormaliseHandComputed() {
        // 2x1 image: (255, 0, 128), (0, 255, 51)
        DecodedImage img = new DecodedImage(2, 1, new byte[] {(byte) 255, 0, (byte) 128, 0, (byte) 255, 51});
        float[] chw = new ToTensorNormalize(MEAN, STD).apply(img);
        float[] expected = {
            (1 - 0.485f) / 0.229f, (0 - 0.485f) / 0.229f, // R plane: 2.2489, -2.1179
            (0 - 0.456f) / 0.224f, (1 - 0.456f) / 0.224f, // G plane: -2.0357, 2.4286
            (128 / 255f - 0.406f) / 0.225f, (0.2f - 0.406f) / 0.225f // B plane: 0.4265, -0.9156
        };
        assertArrayEquals(expected, chw, 1e-5f);
        assertEquals(2.2489083f, chw[0], 1e-5f);
        assertEquals(-0.9155556f, chw[5], 1e-5f);
    }

    @Test
    void maeTransformShapesAndDeterminism() {
        DecodedImage photo = new DecodedImage(90, 60, randomBytes(90 * 60 * 3, 5));
        MaeTransform train = MaeTransform.train(TransformSettings.mae(32));
        TransformedImage a = train.apply(photo, new SplittableRandom(11));
        TransformedImage b = train.apply(photo, new SplittableRandom(11));
        TransformedImage c = train.apply(photo, new SplittableRandom(12));
        assertEquals(3 * 32 * 32, a.chw().length);
        assertEquals(32, a.geometry().outputWidth());
        assertArrayEquals(a.chw(), b.chw());
        assertEquals(a.geometry(), b.geometry());
        assertFalse(Arrays.equals(a.chw(), c.chw()));
        assertTrue(train.isTraining());

        MaeTransform eval = MaeTransform.eval(TransformSettings.mae(32));
        TransformedImage e1 = eval.apply(photo, new SplittableRandom(1));
        TransformedImage e2 = eval.apply(photo, new SplittableRandom(2));
        assertArrayEquals(e1.chw(), e2.chw());
        // 90x60 -> shorter side 32: 48x32, centre crop left = 8 -> source x = 8 * 90/48 = 15
        assertEquals(new CropGeometry(90, 60, 15, 0, 60, 60, 32, 32, false), e1.geometry());
        assertNotEquals(a.geometry(), e1.geometry());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> new TransformSettings(0, 0.2, 1, 0.75, 1.33, 0.5, MEAN, STD));
        assertThrows(IllegalArgumentException.class,
                () -> new TransformSettings(32, 0.0, 1, 0.75, 1.33, 0.5, MEAN, STD));
        assertThrows(IllegalArgumentException.class,
                () -> new TransformSettings(32, 0.5, 0.4, 0.75, 1.33, 0.5, MEAN, STD));
        assertThrows(IllegalArgumentException.class,
                () -> new TransformSettings(32, 0.2, 1, 1.5, 1.33, 0.5, MEAN, STD));
        assertThrows(IllegalArgumentException.class,
                () -> new TransformSettings(32, 0.2, 1, 0.75, 1.33, 1.5, MEAN, STD));
        assertThrows(IllegalArgumentException.class,
                () -> new TransformSettings(32, 0.2, 1, 0.75, 1.33, 0.5, new float[2], STD));
        assertThrows(IllegalArgumentException.class,
                () -> new ToTensorNormalize(MEAN, new float[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> new ResizeCenterCrop(20, 32));
        TransformSettings s = TransformSettings.mae(224);
        assertEquals(0.2, s.scaleMin());
        assertEquals(0.75, s.ratioMin());
        assertEquals(0.5, s.hflip());
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
