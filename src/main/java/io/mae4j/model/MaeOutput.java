package io.mae4j.model;

import ai.djl.ndarray.NDArray;

/**
 * Result of an MAE training forward.
 *
 * @param loss () mean reconstruction loss over all removed patches of the batch
 * @param perSampleLoss (B) the same per image
 * @param pred (B, N, P·P·C) predicted patches (normalised-pixel space with norm_pix_loss)
 */
public record MaeOutput(NDArray loss, NDArray perSampleLoss, NDArray pred) {}
