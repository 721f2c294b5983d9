package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowRevision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Every revision of every flow, and what happened to it, on disk under {@code data/conflux/flows/<flow>/}:
 * {@code r<N>.<ext>} holds the content of revision N, {@code revisions.properties} maps N to its SHA-256,
 * {@code history.tsv} is the append-only log (revision, sha256, time, actor, action, detail), and a
 * {@code stopped} marker remembers that an operator stopped the flow. Survives restarts. A flow's directory is
 * written only by that flow's lane ({@link FlowLanes}), so flows never write the same files.
 */
final class FlowHistory {

    private final Path root;

    FlowHistory(Path root) {
        this.root = root;
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The revision number of this content: the existing one if it was deployed before, else the next one. */
    int revisionOf(String flow, String content, String extension) {
        String sha = sha256(content);
        Properties index = index(flow);
        int highest = 0;
        for (String key : index.stringPropertyNames()) {
            int n = Integer.parseInt(key);
            if (index.getProperty(key).equals(sha)) {
                return n;
            }
            highest = Math.max(highest, n);
        }
        int next = highest + 1;
        try {
            Files.createDirectories(dir(flow));
            Files.writeString(dir(flow).resolve("r" + next + "." + extension), content, StandardCharsets.UTF_8);
            index.setProperty(String.valueOf(next), sha);
            try (var out = Files.newOutputStream(dir(flow).resolve("revisions.properties"))) {
                index.store(out, "revision = sha256 of its content");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record revision " + next + " of flow " + flow, e);
        }
        return next;
    }

    /** The content of a revision, or null if there is no such revision. */
    String content(String flow, int revision) {
        try (var files = Files.list(dir(flow))) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith("r" + revision + "."))
                    .findFirst().orElse(null);
            return file == null ? null : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    String sha(String flow, int revision) {
        return index(flow).getProperty(String.valueOf(revision), "");
    }

    void record(String flow, int revision, String actor, String action, String detail) {
        String line = String.join("\t", String.valueOf(revision), revision > 0 ? sha(flow, revision) : "",
                Instant.now().toString(), clean(actor), action, clean(detail)) + "\n";
        try {
            Files.createDirectories(dir(flow));
            Files.writeString(dir(flow).resolve("history.tsv"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history of flow " + flow, e);
        }
    }

    List<FlowRevision> history(String flow) {
        List<FlowRevision> entries = new ArrayList<>();
        Path file = dir(flow).resolve("history.tsv");
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == 6) {
                    entries.add(new FlowRevision(Integer.parseInt(f[0]), f[1], Instant.parse(f[2]), f[3], f[4], f[5]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    boolean isStopped(String flow) {
        return Files.exists(dir(flow).resolve("stopped"));
    }

    void setStopped(String flow, boolean stopped) {
        try {
            Path marker = dir(flow).resolve("stopped");
            if (stopped) {
                Files.createDirectories(dir(flow));
                Files.writeString(marker, Instant.now().toString());
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers the file a flow was deployed from, so the runtime can redeploy it when it restarts. */
    void rememberFile(String flow, Path file) {
        try {
            Files.createDirectories(dir(flow));
            Files.writeString(dir(flow).resolve("file"), file.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forgetFile(String flow) {
        try {
            Files.deleteIfExists(dir(flow).resolve("file"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files of flows that were deployed when the runtime last stopped. */
    List<Path> rememberedFiles() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (var dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Path marker = d.resolve("file");
                if (Files.isRegularFile(marker)) {
                    files.add(Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private Properties index(String flow) {
        Properties index = new Properties();
        Path file = dir(flow).resolve("revisions.properties");
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                index.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }

    private Path dir(String flow) {
        return root.resolve(flow);
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ").strip();
    }
}
