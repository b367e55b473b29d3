package io.mae4j.cache;

import io.mae4j.mask.ImageScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One θ score cache file: an SQLite database (sqlite-jdbc).
 *
 * <p>Why SQLite rather than a custom memory-mapped format: every batch of entries is written in
 * one transaction, and SQLite's rollback journal makes a transaction all-or-nothing even when the
 * process is killed (kill -9) or the machine stops mid-write. A resumed build therefore sees only
 * whole, committed entries — no torn records, no repair step — and the primary key on the image
 * path makes a re-run skip what is there and never write an entry twice. One file, readable by
 * any SQLite tool, is easy to inspect and to copy beside a dataset.
 *
 * <p>Schema (format version {@value #FORMAT_VERSION}):
 * <pre>
 * header(key TEXT PRIMARY KEY, value TEXT)            -- the fields of {@link CacheHeader}
 * entries(path TEXT PRIMARY KEY,                       -- relative to the dataset root, '/'-separated
 *         width INT, height INT,                       -- source image size in pixels
 *         keypoints BLOB, sizes BLOB, responses BLOB,  -- float32 LE: (x, y)·K in [0,1], K, K
 *         theta BLOB)                                  -- float32 LE: g·g, row-major, NaN = undefined
 * skipped(path TEXT PRIMARY KEY, reason TEXT)          -- images that did not decode
 * </pre>
 * Not thread-safe: one thread writes (the builder's caller thread).
 */
public final class CacheStore implements AutoCloseable {

    /** Version of the schema above; a reader refuses any other. */
    public static final int FORMAT_VERSION = 1;

    private final Path file;
    private final Connection conn;

    private CacheStore(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens (creating the file and its tables when absent) a cache file. */
    public static CacheStore open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS header(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS entries(path TEXT PRIMARY KEY, width INTEGER, height INTEGER,"
                        + " keypoints BLOB, sizes BLOB, responses BLOB, theta BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS skipped(path TEXT PRIMARY KEY, reason TEXT NOT NULL)");
            }
            return new CacheStore(file, c);
        } catch (SQLException e) {
            throw new IOException("cannot open θ score cache " + file + " as SQLite: " + e.getMessage()
                    + ". Delete the file and rebuild it with `cache build`", e);
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The header, or null when none was written yet. */
    public CacheHeader header() throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("SELECT key, value FROM header")) {
            while (r.next()) {
                h.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw io("read the header of", e);
        }
        if (h.isEmpty()) {
            return null;
        }
        try {
            return new CacheHeader(Integer.parseInt(h.get("format_version")), h.get("split"), h.get("dataset_root"),
                    h.get("dataset_fingerprint"), Integer.parseInt(h.get("dataset_images")), h.get("scorer"),
                    h.get("scorer_fingerprint"), h.get("settings"), Integer.parseInt(h.get("grid_size")),
                    h.get("created"), h.get("command"));
        } catch (RuntimeException e) {
            throw new IOException("θ score cache " + file + " has an incomplete header " + h.keySet()
                    + ". Delete it and rebuild with `cache build`", e);
        }
    }

    /** Drops every entry and writes a new header (one transaction). */
    public void reset(CacheHeader h) throws IOException {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("format_version", Integer.toString(h.formatVersion()));
        kv.put("split", h.split());
        kv.put("dataset_root", h.datasetRoot());
        kv.put("dataset_fingerprint", h.datasetFingerprint());
        kv.put("dataset_images", Integer.toString(h.datasetImages()));
        kv.put("scorer", h.scorer());
        kv.put("scorer_fingerprint", h.scorerFingerprint());
        kv.put("settings", h.settings());
        kv.put("grid_size", Integer.toString(h.gridSize()));
        kv.put("created", h.created());
        kv.put("command", h.command());
        try {
            conn.setAutoCommit(false);
            try (Statement s = conn.createStatement();
                    PreparedStatement p = conn.prepareStatement("INSERT INTO header(key, value) VALUES (?, ?)")) {
                s.execute("DELETE FROM header");
                s.execute("DELETE FROM entries");
                s.execute("DELETE FROM skipped");
                for (Map.Entry<String, String> e : kv.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, e.getValue());
                    p.executeUpdate();
                }
            }
            conn.commit();
        } catch (SQLException e) {
            throw io("write the header of", e);
        } finally {
            autoCommit();
        }
    }

    /** Paths (entries and skipped) already recorded. */
    public Set<String> donePaths() throws IOException {
        Set<String> out = new HashSet<>();
        try (Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT path FROM entries UNION ALL SELECT path FROM skipped")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw io("list the entries of", e);
        }
        return out;
    }

    /** Writes a batch of entries and skipped images in one transaction: all of them or none. */
    public void commit(List<CacheEntry> entries, Map<String, String> skipped) throws IOException {
        try {
            conn.setAutoCommit(false);
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO entries(path, width, height, keypoints,"
                    + " sizes, responses, theta) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement q = conn.prepareStatement("INSERT INTO skipped(path, reason) VALUES (?, ?)")) {
                for (CacheEntry e : entries) {
                    ImageScores s = e.scores();
                    p.setString(1, e.path());
                    p.setInt(2, e.width());
                    p.setInt(3, e.height());
                    p.setBytes(4, Blobs.encode(s.keypoints()));
                    p.setBytes(5, Blobs.encode(s.sizes()));
                    p.setBytes(6, Blobs.encode(s.responses()));
                    p.setBytes(7, Blobs.encode(s.thetaBar()));
                    p.addBatch();
                }
                p.executeBatch();
                for (Map.Entry<String, String> e : skipped.entrySet()) {
                    q.setString(1, e.getKey());
                    q.setString(2, e.getValue());
                    q.addBatch();
                }
                q.executeBatch();
            }
            conn.commit();
        } catch (SQLException e) {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the open transaction is lost either way
            }
            throw io("write entries to", e);
        } finally {
            autoCommit();
        }
    }

    /** Every entry, keyed by path, in path order. */
    public Map<String, CacheEntry> entries(int gridSize) throws IOException {
        Map<String, CacheEntry> out = new LinkedHashMap<>();
        try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery(
                "SELECT path, width, height, keypoints, sizes, responses, theta FROM entries ORDER BY path")) {
            while (r.next()) {
                ImageScores sc = new ImageScores(gridSize, Blobs.decode(r.getBytes(7)), Blobs.decode(r.getBytes(4)),
                        Blobs.decode(r.getBytes(5)), Blobs.decode(r.getBytes(6)));
                out.put(r.getString(1), new CacheEntry(r.getString(1), r.getInt(2), r.getInt(3), sc));
            }
        } catch (SQLException e) {
            throw io("read the entries of", e);
        }
        return out;
    }

    /** Skipped images and why, in path order. */
    public Map<String, String> skipped() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT path, reason FROM skipped ORDER BY path")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        } catch (SQLException e) {
            throw io("read the skipped images of", e);
        }
        return out;
    }

    /** Number of entries. */
    public int entryCount() throws IOException {
        try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM entries")) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw io("count the entries of", e);
        }
    }

    private void autoCommit() {
        try {
            conn.setAutoCommit(true);
        } catch (SQLException ignored) {
            // closed connection: nothing to restore
        }
    }

    private IOException io(String what, SQLException e) {
        return new IOException("cannot " + what + " θ score cache " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        try {
            conn.close();
        } catch (SQLException e) {
            throw io("close", e);
        }
    }
}
