/**
 * Images in, model-ready batches out, with the geometry of every augmentation.
 *
 * <p>Flow: {@link io.mae4j.data.ImageFolderDataset} (scan {@code root/<split>/<class>/*}) →
 * {@link io.mae4j.data.ImageDecoder} (file → 8-bit RGB {@link io.mae4j.data.DecodedImage}, corrupt
 * files skipped via {@link io.mae4j.data.SkipLog}) → {@link io.mae4j.data.MaeTransform}
 * (RandomResizedCrop + flip or resize + centre crop, then normalise; reports a
 * {@link io.mae4j.data.CropGeometry}) → {@link io.mae4j.data.BatchLoader} (seeded, multi-threaded,
 * in-order {@link io.mae4j.data.HostBatch}es of shape (B, 3, H, W)).
 * {@link io.mae4j.data.SyntheticDataset} writes a small textured-shapes dataset in the same layout.
 *
 * <p>Conventions: pixels are RGB; tensors are CHW per sample; all randomness comes from
 * {@link java.util.SplittableRandom}s seeded by {@link io.mae4j.data.SeedMix} from (seed, epoch,
 * index), so results do not depend on thread count. This package never computes masks.
 */
package io.mae4j.data;
