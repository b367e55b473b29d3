package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Result of an unmasked encoder pass.
 *
 * @param tokens (B, 1+N, D) after the final norm, CLS first, patches in patch order
 * @param attention one (B, Hd, 1+N, 1+N) softmax array per encoder layer (rows sum to 1, CLS first,
 *     detached from the autograd graph), or empty when capture was off
 */
public record EncoderOutput(NDArray tokens, NDList attention) {}
