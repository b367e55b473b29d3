package io.mae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant on a gradient path.
 *
 * <p>Why this exists: DJL 0.35.1 implements {@code NDArray.mul(Number)} (and {@code div}, {@code add},
 * {@code sub}, {@code pow} … with a {@code Number}) by wrapping the number in a 0-d tensor over a direct
 * {@code ByteBuffer} ({@code torch::from_blob}, no copy) and closing it right after the op. Closing drops
 * the only Java reference to that buffer, but autograd keeps the tensor for the backward (the backward of
 * {@code a * b} reads {@code b}). A garbage collection between forward and backward frees the buffer and
 * the backward reads whatever the memory then holds: NaN, or far more often a silently wrong gradient.
 *
 * <p>The constants made here come from {@code torch::full} ({@link ai.djl.ndarray.NDManager#full}), so
 * libtorch owns their memory and reference-counts it: autograd keeps it alive for as long as it needs it,
 * whether or not the Java side has closed the array. They are attached to the operand's manager (the
 * step's scope in training) and have its data type, so results are bitwise those of the {@code Number}
 * overloads.
 *
 * <p>Rule for all code on a gradient path (model/, classify/, the training step): never pass a bare Java
 * number to an op; use these methods, or arrays that outlive the backward. Arrays made with
 * {@code manager.create(javaData)} are {@code from_blob} as well: keep them open until the backward ran.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * A 0-d constant with {@code like}'s data type, on its manager (and device), memory owned by libtorch.
     *
     * @param like the array the constant will be combined with
     * @param value the constant
     * @return () a 0-d array
     */
    public static NDArray like(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType()); // ()
    }

    /** {@code x · value}, safe on a gradient path; shape of x. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(like(x, value));
    }

    /** {@code x / value}, safe on a gradient path; shape of x. */
    public static NDArray div(NDArray x, double value) {
        return x.div(like(x, value));
    }

    /** {@code x + value}, safe on a gradient path; shape of x. */
    public static NDArray add(NDArray x, double value) {
        return x.add(like(x, value));
    }
}
