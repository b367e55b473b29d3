package io.mae4j.model.io;

import io.mae4j.model.io.TorchPickleObjects.Buildable;
import io.mae4j.model.io.TorchPickleObjects.PickledNamespace;
import io.mae4j.model.io.TorchPickleObjects.PickledOrderedDict;
import io.mae4j.model.io.TorchPickleObjects.StorageType;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler restricted to what {@code torch.save} writes for state dicts.
 *
 * <p>Pyrolite resolves globals through a static, JVM-wide constructor table and falls back to a
 * generic {@code ClassDict} for any unknown name, so registering constructors would neither be
 * local nor restrictive. Instead this class intercepts every opcode that names or calls a global
 * (GLOBAL, STACK_GLOBAL, INST, OBJ, REDUCE, NEWOBJ, NEWOBJ_EX, EXT1/2/4, BUILD) and resolves names
 * only from its own allow-list; anything else throws {@link UnsafePickleException} before it is
 * touched. Dict opcodes are intercepted too, so dicts keep their insertion order.
 */
final class TorchUnpickler extends Unpickler {

    /** Loads one storage record, decoded to float32. */
    interface StorageSource {
        float[] load(String key, WeightDtype dtype, long numel) throws IOException;
    }

    private final String fileName;
    private final StorageSource storages;
    private final Map<String, Object> allowed = new HashMap<>();
    private final Map<String, float[]> loaded = new HashMap<>();
    private final Map<String, Boolean> handedOut = new HashMap<>();

    TorchUnpickler(String fileName, StorageSource storages) {
        this.fileName = fileName;
        this.storages = storages;
        allowed.put("collections.OrderedDict", (IObjectConstructor) TorchUnpickler::orderedDict);
        allowed.put("torch._utils._rebuild_tensor_v2", (IObjectConstructor) this::rebuildTensor);
        allowed.put("torch._utils._rebuild_parameter", (IObjectConstructor) TorchUnpickler::rebuildParameter);
        allowed.put("torch._utils._rebuild_parameter_with_state", (IObjectConstructor) TorchUnpickler::rebuildParameter);
        allowed.put("argparse.Namespace", (IObjectConstructor) args -> new PickledNamespace());
        for (WeightDtype t : WeightDtype.values()) {
            allowed.put("torch." + t.torchStorage(), new StorageType(t));
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
            }
            case Opcodes.INST -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                Object callable = resolve(module, name);
                List<Object> args = stack.pop_all_since_marker();
                stack.add(call(callable, args.toArray()));
            }
            case Opcodes.OBJ -> {
                List<Object> items = stack.pop_all_since_marker();
                stack.add(call(items.get(0), items.subList(1, items.size()).toArray()));
            }
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                Object args = stack.pop();
                Object callable = stack.pop();
                stack.add(call(callable, args instanceof Object[] a ? a : new Object[] {args}));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                Object callable = stack.pop();
                if (kwargs instanceof Map<?, ?> m && !m.isEmpty()) {
                    throw corrupt("keyword arguments " + m.keySet() + " are not supported");
                }
                stack.add(call(callable, args instanceof Object[] a ? a : new Object[] {args}));
            }
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                    throw refuse("copyreg extension code (opcode " + key + ")");
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (!(target instanceof Buildable b)) {
                    throw corrupt("BUILD (__setstate__) on a " + describe(target) + " is not supported");
                }
                try {
                    b.build(state);
                } catch (IllegalArgumentException e) {
                    throw corrupt(e.getMessage());
                }
            }
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> pairs = stack.pop_all_since_marker();
                putPairs(targetMap(), pairs);
            }
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType type)) {
            throw new PickleException("unexpected persistent id " + describe(pid)
                    + " in " + fileName + ": expected ('storage', torch.XStorage, key, location, numel)");
        }
        String key = String.valueOf(t[2]);
        long numel = ((Number) t[4]).longValue();
        float[] values = loaded.get(key);
        if (values == null) {
            try {
                values = storages.load(key, type.dtype(), numel);
            } catch (IOException e) {
                throw new PickleException(e.getMessage(), e);
            }
            loaded.put(key, values);
        }
        return new StorageView(key, type.dtype(), values);
    }

    /** A storage as seen by {@code _rebuild_tensor_v2}. */
    record StorageView(String key, WeightDtype dtype, float[] values) {}

    private Object resolve(String module, String name) throws UnsafePickleException {
        Object v = allowed.get(module + "." + name);
        if (v == null) {
            throw refuse("'" + module + "." + name + "'");
        }
        return v;
    }

    private UnsafePickleException refuse(String what) {
        return new UnsafePickleException(what.replace("'", ""), "refusing to unpickle " + what + " in " + fileName
                + ": only tensors and dicts are allowed (allowed globals: " + new TreeSet<>(allowed.keySet())
                + "). If you trust the file, re-save just the weights with torch.save(model.state_dict(), path)"
                + " or convert them to .safetensors");
    }

    private PickleException corrupt(String what) {
        return new PickleException("unsupported pickle content in " + fileName + ": " + what);
    }

    private Object call(Object callable, Object[] args) {
        if (!(callable instanceof IObjectConstructor c)) {
            throw corrupt("cannot call a " + describe(callable));
        }
        return c.construct(args);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> targetMap() {
        Object target = stack.peek();
        if (!(target instanceof Map<?, ?>)) {
            throw corrupt("SETITEMS on a " + describe(target));
        }
        return (Map<Object, Object>) target;
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> flat) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            dict.put(flat.get(i), flat.get(i + 1));
        }
    }

    private static Object orderedDict(Object[] args) {
        PickledOrderedDict d = new PickledOrderedDict();
        if (args.length == 1 && args[0] instanceof List<?> items) { // OrderedDict([(k, v), ...])
            for (Object item : items) {
                Object[] pair = (Object[]) item;
                d.put(pair[0], pair[1]);
            }
        }
        return d;
    }

    private static Object rebuildParameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof TensorData)) {
            throw new PickleException("_rebuild_parameter expects a tensor, got " + describe(args.length > 0 ? args[0] : null));
        }
        return args[0];
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])}. */
    /** The most elements one tensor may have: the largest Java array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageView storage)) {
            throw corrupt("_rebuild_tensor_v2 expects (storage, offset, size, stride, ...), got "
                    + args.length + " arguments");
        }
        long offset = ((Number) args[1]).longValue();
        long[] size = longs(args[2]);
        long[] stride = longs(args[3]);
        if (size.length != stride.length) {
            throw corrupt("tensor size " + Strides.shapeString(size) + " and stride "
                    + Strides.shapeString(stride) + " differ in rank");
        }
        long numel;
        try {
            numel = Strides.numel(size);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw corrupt("tensor size " + Strides.shapeString(size) + " is not a valid size (" + e.getMessage() + ")");
        }
        if (numel > MAX_ELEMENTS) {
            // e.g. a stride-0 (expanded) view of a tiny storage: reading it would need one array of numel floats
            throw corrupt("tensor of size " + Strides.shapeString(size) + " has " + numel + " elements, more than"
                    + " one Java array holds (" + MAX_ELEMENTS + "); this is not a weight file mae4j can load");
        }
        float[] src = storage.values();
        long extent = Strides.extent(offset, size, stride);
        if (offset < 0 || extent > src.length) {
            throw corrupt("tensor of size " + Strides.shapeString(size) + " at offset " + offset
                    + " reads past storage " + storage.key() + " (" + src.length + " elements)");
        }
        boolean whole = offset == 0 && src.length == Strides.numel(size)
                && java.util.Arrays.equals(stride, Strides.contiguous(size));
        float[] values;
        if (whole && handedOut.putIfAbsent(storage.key(), Boolean.TRUE) == null) {
            values = src; // sole contiguous view of the whole storage: no copy
        } else {
            values = Strides.gather(src, offset, size, stride);
        }
        return new TensorData(size, values, storage.dtype());
    }

    private long[] longs(Object tuple) {
        if (!(tuple instanceof Object[] t)) {
            throw corrupt("expected a tuple of ints, got " + describe(tuple));
        }
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = ((Number) t[i]).longValue();
        }
        return out;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
