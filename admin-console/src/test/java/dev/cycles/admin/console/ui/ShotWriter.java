package dev.cycles.admin.console.ui;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes screenshots on a background thread while the test goes on: encoding a 1920x1080 PNG takes
 * longer than most test steps, and the tests only need the files to exist once the class is done
 * ({@link #drain()} runs after each test class and fails it if a file could not be written).
 */
final class ShotWriter {
    /** Images waiting to be encoded are held in memory (8 MB at 1920x1080): past this many the test waits. */
    private static final int MAX_PENDING = 12;
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screenshot-writer");
        t.setDaemon(true);
        return t;
    });
    private static final Queue<Future<?>> PENDING = new ConcurrentLinkedQueue<>();

    private ShotWriter() {
    }

    static void write(BufferedImage image, Path file) {
        while (PENDING.size() >= MAX_PENDING) {
            await(PENDING.poll());
        }
        PENDING.add(WRITER.submit(() -> {
            encode(image, file);
            return null;
        }));
    }

    /** Waits until every screenshot asked for so far is on disk. */
    static void drain() {
        Future<?> f;
        while ((f = PENDING.poll()) != null) {
            await(f);
        }
    }

    private static void await(Future<?> f) {
        if (f == null) {
            return;
        }
        try {
            f.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError("screenshot failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("screenshot not written", e);
        }
    }

    private static void encode(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
