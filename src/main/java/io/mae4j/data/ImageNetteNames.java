package io.mae4j.data;

import java.util.Map;

/**
 * Readable names of the ten ImageNette classes, keyed by the ImageNet WordNet id used as folder
 * name in the fast.ai archives (the names are the first ImageNet synonym, as in torchvision).
 */
public final class ImageNetteNames {

    private static final Map<String, String> NAMES = Map.of(
            "n01440764", "tench",
            "n02102040", "English springer",
            "n02979186", "cassette player",
            "n03000684", "chain saw",
            "n03028079", "church",
            "n03394916", "French horn",
            "n03417042", "garbage truck",
            "n03425413", "gas pump",
            "n03445777", "golf ball",
            "n03888257", "parachute");

    private ImageNetteNames() {}

    /** The readable name for an ImageNette folder name, or the folder name itself when it is not one. */
    public static String displayName(String folderName) {
        return NAMES.getOrDefault(folderName, folderName);
    }

    /** Whether the folder name is one of the ten ImageNette WordNet ids. */
    public static boolean isImageNetteId(String folderName) {
        return NAMES.containsKey(folderName);
    }

    /** The full id → name table (immutable). */
    public static Map<String, String> all() {
        return NAMES;
    }
}
