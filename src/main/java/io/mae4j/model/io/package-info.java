/**
 * Reading and writing ViT / MAE weights under the official MAE (timm) parameter names, and applying
 * them to a model's parameters.
 *
 * <p>Formats: PyTorch zip checkpoints ({@code .pth}, {@code .pt}; {@code torch.save} of torch ≥ 1.6,
 * read with a restricted unpickler that only resolves tensors, storages, {@code OrderedDict} and
 * {@code argparse.Namespace}), numpy {@code .npz} and {@code .safetensors}. In memory every tensor
 * is a {@link io.mae4j.model.io.TensorData} (float32 values plus the dtype it was stored in),
 * collected in an ordered {@link io.mae4j.model.io.StateDict}.
 *
 * <p>Entry points: {@link io.mae4j.model.io.WeightFiles} (read / write by extension),
 * {@link io.mae4j.model.io.WeightImporter} (file → parameters, with a report) and
 * {@link io.mae4j.model.io.WeightExporter} (parameters + fixed tables → a file the official code
 * loads with {@code load_state_dict}).
 */
package io.mae4j.model.io;
