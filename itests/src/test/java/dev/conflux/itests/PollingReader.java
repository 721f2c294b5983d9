package dev.conflux.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a partner polling a directory sees: every 10 ms it lists the directory and, when the expected file is
 * there under its final name, notes its size (a reader would pick it up then). Also notes other names that
 * appeared meanwhile, such as a file being written under a temporary name.
 */
final class PollingReader implements AutoCloseable {

    private final Path file;
    private final Thread thread;
    private final List<Long> sizesSeen = new ArrayList<>();
    private final List<String> otherNames = new ArrayList<>();
    private volatile boolean running = true;

    PollingReader(Path file) {
        this.file = file;
        this.thread = new Thread(this::poll, "polling-reader " + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (running) {
            Path dir = file.getParent();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> listing = Files.list(dir)) {
                    for (Path p : listing.toList()) {
                        String name = p.getFileName().toString();
                        if (p.equals(file)) {
                            long size = Files.size(p);
                            synchronized (this) {
                                sizesSeen.add(size);
                            }
                        } else {
                            synchronized (this) {
                                if (!otherNames.contains(name)) {
                                    otherNames.add(name);
                                }
                            }
                        }
                    }
                } catch (IOException gone) {
                    // renamed or moved between the listing and the look: poll again
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10); // the polling interval of the reader, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The sizes the file had each time it was seen under its final name. */
    synchronized List<Long> sizesSeen() {
        return List.copyOf(sizesSeen);
    }

    /** Other names seen in the directory, in the order they first appeared. */
    synchronized List<String> otherNames() {
        return List.copyOf(otherNames);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
