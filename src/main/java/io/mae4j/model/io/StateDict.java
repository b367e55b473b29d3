package io.mae4j.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered map from parameter name to {@link TensorData}, as in a PyTorch {@code state_dict()}.
 * It also remembers where it came from (for messages), notes made while reading it (e.g. "unwrapped
 * 'model'"), and scalar extras of a training checkpoint ({@code epoch}, {@code args} as a map).
 */
public final class StateDict implements Iterable<Map.Entry<String, TensorData>> {

    private final String source;
    private final LinkedHashMap<String, TensorData> tensors = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final LinkedHashMap<String, Object> extras = new LinkedHashMap<>();

    /** @param source file name or description, used in messages */
    public StateDict(String source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** An empty state dict described as "in memory". */
    public StateDict() {
        this("in memory");
    }

    /** Copies each array (converted to float32, dtype recorded) under its map key. */
    public static StateDict fromNDArrays(Map<String, NDArray> arrays, String source) {
        StateDict sd = new StateDict(source);
        arrays.forEach((name, array) -> sd.put(name, TensorData.of(array)));
        return sd;
    }

    /** Where these weights came from. */
    public String source() {
        return source;
    }

    /** Adds or replaces a tensor (a replaced one keeps its position). */
    public StateDict put(String name, TensorData tensor) {
        tensors.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(tensor, "tensor"));
        return this;
    }

    /** The tensor, or null when absent. */
    public TensorData get(String name) {
        return tensors.get(name);
    }

    /** The tensor; fails naming the source and a few present names when absent. */
    public TensorData require(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in " + source + " (it has "
                    + size() + " tensors, e.g. " + Names.preview(tensors.keySet(), 5) + ")");
        }
        return t;
    }

    /** True when the name is present. */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** Removes and returns a tensor, or null. */
    public TensorData remove(String name) {
        return tensors.remove(name);
    }

    /** Names in order (read-only view). */
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /** Name → tensor in order (read-only view). */
    public Map<String, TensorData> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    /** Number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** Total number of values over all tensors. */
    public long totalElements() {
        long n = 0;
        for (TensorData t : tensors.values()) {
            n += t.numel();
        }
        return n;
    }

    /** Notes made while reading or normalising (read-only view). */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** Appends a note. */
    public void addNote(String note) {
        notes.add(note);
    }

    /** Scalar entries of a training checkpoint beside the weights, e.g. {@code epoch}, {@code args}. */
    public Map<String, Object> extras() {
        return Collections.unmodifiableMap(extras);
    }

    /** Records a scalar entry of the checkpoint. */
    public void putExtra(String key, Object value) {
        extras.put(key, value);
    }

    /** Float32 NDArrays named after their keys, in order; the caller closes {@code manager}. */
    public LinkedHashMap<String, NDArray> toNDArrays(NDManager manager) {
        LinkedHashMap<String, NDArray> out = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            NDArray a = t.toNDArray(manager);
            a.setName(name);
            out.put(name, a);
        });
        return out;
    }

    /** True when both hold the same names in the same order with bit-identical values. */
    public boolean sameBits(StateDict other) {
        if (!new ArrayList<>(names()).equals(new ArrayList<>(other.names()))) {
            return false;
        }
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (!e.getValue().sameBits(other.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Iterator<Map.Entry<String, TensorData>> iterator() {
        return Collections.unmodifiableMap(tensors).entrySet().iterator();
    }

    @Override
    public String toString() {
        return "StateDict(" + source + ", " + size() + " tensors, " + totalElements() + " values)";
    }
}
