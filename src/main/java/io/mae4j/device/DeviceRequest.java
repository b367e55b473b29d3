package io.mae4j.device;

import io.mae4j.config.ConfigException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of {@code runtime.device}: {@code auto} (the first GPU when one is seen, else the CPU),
 * {@code cpu}, {@code gpu} (GPU 0) or {@code gpu:N}.
 *
 * @param kind what is asked
 * @param index the GPU index for {@link Kind#GPU}, 0 otherwise
 */
public record DeviceRequest(Kind kind, int index) {

    /** What {@code runtime.device} asks for. */
    public enum Kind {
        /** the first GPU if any, else the CPU */
        AUTO,
        /** the CPU */
        CPU,
        /** one GPU, by index */
        GPU
    }

    /** The accepted spellings, for error messages and the schema check. */
    public static final String SPELLINGS = "auto, cpu, gpu, gpu:N (N = 0, 1, ...)";

    private static final Pattern GPU_N = Pattern.compile("gpu:(\\d{1,3})");

    /** Validates the fields. */
    public DeviceRequest {
        if (index < 0 || (kind != Kind.GPU && index != 0)) {
            throw new IllegalArgumentException("device index " + index + " for " + kind);
        }
    }

    /**
     * Parses a {@code runtime.device} value.
     *
     * @param value the string from the config
     * @return the request
     * @throws ConfigException naming the key and the accepted values when the value is not one of them
     */
    public static DeviceRequest parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "auto":
                return new DeviceRequest(Kind.AUTO, 0);
            case "cpu":
                return new DeviceRequest(Kind.CPU, 0);
            case "gpu":
                return new DeviceRequest(Kind.GPU, 0);
            default:
                Matcher m = GPU_N.matcher(v);
                if (m.matches()) {
                    return new DeviceRequest(Kind.GPU, Integer.parseInt(m.group(1)));
                }
                throw new ConfigException("key 'runtime.device' is '" + value + "'; choose one of: " + SPELLINGS);
        }
    }

    /** True when the value parses. */
    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    /** The config spelling of this request ({@code gpu:1}, {@code auto}, ...). */
    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> index == 0 ? "gpu" : "gpu:" + index;
        };
    }
}
