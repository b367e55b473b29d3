package io.mae4j.model.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few Python objects a PyTorch checkpoint pickle may produce besides tensors, as harmless Java
 * values. Every one of them is a plain data holder: constructing them runs no code of the file.
 */
final class TorchPickleObjects {

    private TorchPickleObjects() {}

    /** The value pushed for a global such as {@code torch.FloatStorage}: just its element type. */
    record StorageType(WeightDtype dtype) {}

    /** Objects that accept the pickle BUILD opcode (Python's {@code __setstate__}). */
    interface Buildable {
        /** Applies the pickled state; fails on a state of an unexpected type. */
        void build(Object state);
    }

    /**
     * {@code collections.OrderedDict}: items in order; attributes set by BUILD (a state dict's
     * {@code _metadata}) are kept apart so they never look like tensors.
     */
    static final class PickledOrderedDict extends LinkedHashMap<Object, Object> implements Buildable {

        private static final long serialVersionUID = 1L;

        final Map<Object, Object> attributes = new LinkedHashMap<>();

        @Override
        public void build(Object state) {
            if (state instanceof Map<?, ?> m) {
                attributes.putAll(m);
            } else if (state != null) {
                throw new IllegalArgumentException("OrderedDict state must be a dict, got " + state.getClass().getSimpleName());
            }
        }
    }

    /** {@code argparse.Namespace}: its attributes as a map (MAE training checkpoints carry {@code args}). */
    static final class PickledNamespace extends LinkedHashMap<Object, Object> implements Buildable {

        private static final long serialVersionUID = 1L;

        @Override
        public void build(Object state) {
            if (!(state instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("Namespace state must be a dict, got "
                        + (state == null ? "None" : state.getClass().getSimpleName()));
            }
            putAll(m);
        }
    }
}
