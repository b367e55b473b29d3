/**
 * The MAE model: a ViT encoder and a light transformer decoder as DJL blocks, with the exact
 * semantics of the official MAE ({@code facebookresearch/mae models_mae.py} built from timm 0.3.2
 * blocks).
 *
 * <p>Dimension letters used throughout: B batch, C channels, H/W image height/width, P patch side,
 * h/w patch grid (h = H/P), N = h·w patches, L visible patches ({@code lenKeep}), D encoder width,
 * Dd decoder width, Hd heads, Dh = D/Hd head width, K = P·P·C flattened patch length.
 *
 * <p>Reading order: {@link io.mae4j.model.Patchify} → {@link io.mae4j.model.PosEmbed} → {@link
 * io.mae4j.model.SelfAttention} → {@link io.mae4j.model.Mlp} → {@link
 * io.mae4j.model.TransformerBlock} → {@link io.mae4j.model.MaeEncoder} → {@link
 * io.mae4j.model.MaeDecoder} → {@link io.mae4j.model.MaeLoss} → {@link io.mae4j.model.MaeModel}.
 *
 * <p>Mask convention (MAE): mask 1 = removed (not seen by the encoder), 0 = kept. This is the
 * opposite of DJL attention masks, where 1 = keep.
 *
 * <p>Memory: the model's forward methods attach their results to the manager of the input images
 * and free their intermediates in a sub-manager scope before returning.
 *
 * <p>Gradient-path rule: never pass a bare Java number to an op ({@code x.mul(scale)}, {@code div},
 * {@code add}, {@code sub}, {@code pow} …). DJL wraps it in a 0-d tensor over a direct buffer and frees that
 * buffer when the op returns, while autograd still reads it in the backward; a garbage collection in
 * between corrupts the gradient. Use {@link io.mae4j.model.Scalars} (libtorch-owned constants) and keep
 * arrays made from Java data ({@code manager.create(...)}) open until the backward ran. The tests
 * {@code FreedOperandTest}, {@code FreedOperandStepTest} and {@code FreedOperandClassifierTest} run every
 * training forward, a collection with a NaN spray, then the backward, and demand bitwise the undisturbed
 * gradients.
 */
package io.mae4j.model;
