package io.mae4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mae4j.train.Pretrainer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the compiled main classes (target/classes): no dependency cycle between
 * {@code io.mae4j} packages, and the training loop never reaches the report layer ({@code train →
 * report}: figures come in through {@link io.mae4j.train.AnalysisFigures}, supplied by the caller).
 *
 * <p>Dependencies are read from each class file's constant pool: every UTF-8 entry (class names,
 * field and method descriptors, generic signatures) is scanned for {@code io/mae4j/<package>/<Type>},
 * so a type used only in a signature or through a fully qualified name counts as well.
 */
class PackageDependencyTest {

    private static final Pattern TYPE = Pattern.compile("io/mae4j/((?:[a-z0-9_]+/)*[a-z0-9_]+)/[A-Z]");

    private static Map<String, Set<String>> graph;

    private static synchronized Map<String, Set<String>> graph() throws IOException {
        if (graph == null) {
            graph = dependencies(classesDir());
        }
        return graph;
    }

    @Test
    void noCycleBetweenPackages() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.size() > 10, "read the packages of target/classes: " + g.keySet());
        List<List<String>> cycles = cycles(g);
        assertEquals(List.of(), cycles, "package cycles (strongly connected sets) between io.mae4j packages; "
                + "edges: " + edgesWithin(g, cycles));
    }

    @Test
    void trainDoesNotDependOnReport() throws IOException {
        Map<String, Set<String>> g = graph();
        assertTrue(g.containsKey("io.mae4j.train"), "train classes found");
        assertFalse(g.get("io.mae4j.train").contains("io.mae4j.report"),
                "train → report: the loop must take its figures through an interface its caller supplies");
        assertFalse(g.get("io.mae4j.train").contains("io.mae4j.app"), "train → app: the libraries sit below the app layer");
    }

    /** Data and evaluation are libraries under the loop: neither reaches train/ or the run format. */
    @Test
    void dataAndEvalSitBelowTheLoop() throws IOException {
        Map<String, Set<String>> g = graph();
        for (String lib : List.of("io.mae4j.data", "io.mae4j.eval")) {
            assertTrue(g.containsKey(lib), lib + " classes found");
            assertFalse(g.get(lib).contains("io.mae4j.train"), lib + " → train");
            assertFalse(g.get(lib).contains("io.mae4j.app"), lib + " → app");
        }
        assertFalse(g.get("io.mae4j.data").contains("io.mae4j.run"), "data → run: data reads images, not run folders");
    }

    /** The check itself finds a cycle where there is one, and none in a layered graph. */
    @Test
    void cycleFinderFindsCycles() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", new TreeSet<>(List.of("b")));
        g.put("b", new TreeSet<>(List.of("c")));
        g.put("c", new TreeSet<>(List.of("a", "d")));
        g.put("d", new TreeSet<>(List.of("e")));
        g.put("e", new TreeSet<>());
        assertEquals(List.of(List.of("a", "b", "c")), cycles(g));
        g.get("c").remove("a");
        assertEquals(List.of(), cycles(g));
        g.get("e").add("d");
        assertEquals(List.of(List.of("d", "e")), cycles(g));
    }

    private static Path classesDir() {
        try {
            Path p = Path.of(Pretrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertTrue(Files.isDirectory(p.resolve("io/mae4j")), "main classes are a folder: " + p);
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Package → packages of io.mae4j it refers to (itself excluded). */
    static Map<String, Set<String>> dependencies(Path classes) throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes.resolve("io/mae4j"))) {
            files = s.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path f : files) {
            String pkg = classes.relativize(f.getParent()).toString().replace('\\', '/').replace('/', '.');
            Set<String> out = g.computeIfAbsent(pkg, k -> new TreeSet<>());
            for (String s : utf8Entries(f)) {
                Matcher m = TYPE.matcher(s);
                while (m.find()) {
                    String to = "io.mae4j." + m.group(1).replace('/', '.');
                    if (!to.equals(pkg)) {
                        out.add(to);
                        g.computeIfAbsent(to, k -> new TreeSet<>());
                    }
                }
            }
        }
        return g;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS §4.4). */
    static List<String> utf8Entries(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream d = new DataInputStream(in)) {
            if (d.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            d.readUnsignedShort(); // minor
            d.readUnsignedShort(); // major
            int count = d.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(d.readUTF());
                    case 3, 4 -> d.skipBytes(4); // Integer, Float
                    case 5, 6 -> { // Long, Double take two slots
                        d.skipBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> d.skipBytes(2); // Class, String, MethodType, Module, Package
                    case 9, 10, 11, 12, 17, 18 -> d.skipBytes(4); // refs, NameAndType, (Invoke)Dynamic
                    case 15 -> d.skipBytes(3); // MethodHandle
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
        }
        return out;
    }

    /** Strongly connected sets of more than one package (Tarjan), each sorted, in order of first member. */
    static List<List<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, onStack, out, counter);
            }
        }
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> comp = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                comp.add(w);
            } while (!w.equals(v));
            if (comp.size() > 1) {
                comp.sort(null);
                out.add(comp);
            }
        }
    }

    private static List<String> edgesWithin(Map<String, Set<String>> g, List<List<String>> cycles) {
        List<String> edges = new ArrayList<>();
        for (List<String> c : cycles) {
            for (String a : c) {
                for (String b : g.get(a)) {
                    if (c.contains(b)) {
                        edges.add(a.substring("io.mae4j.".length()) + "→" + b.substring("io.mae4j.".length()));
                    }
                }
            }
        }
        return edges;
    }
}
