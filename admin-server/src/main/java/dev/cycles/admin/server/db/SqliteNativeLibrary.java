package dev.cycles.admin.server.db;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Points sqlite-jdbc at the copy of its native library that the build unpacked beside the server's
 * jar ({@code sqlite-native/OS/ARCH/}), when there is one for this system. Without it, sqlite-jdbc
 * runs {@code uname}, extracts the library from the jar into the temp folder and compares the two
 * byte by byte on every start: about a tenth of the start-up on a small machine. An operator's own
 * {@code org.sqlite.lib.path} is left alone, and any system without an unpacked copy (or with musl
 * instead of glibc) keeps sqlite-jdbc's own way.
 */
final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    /** Sets sqlite-jdbc's library properties to the unpacked copy, if this runs from a jar that has one beside it. */
    static synchronized void useUnpackedCopy() {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        besideJar().flatMap(dir -> library(dir, System.getProperty("os.name", ""), System.getProperty("os.arch", ""), musl()))
                .ifPresent(file -> {
                    System.setProperty(PATH_PROPERTY, file.getParent().toString());
                    System.setProperty(NAME_PROPERTY, file.getFileName().toString());
                });
    }

    /**
     * The unpacked library for this system under {@code root}, if it is there. Folder names are
     * sqlite-jdbc's own ({@code Linux/x86_64}, {@code Mac/aarch64}, {@code Windows/x86_64}).
     */
    static Optional<Path> library(Path root, String osName, String osArch, boolean musl) {
        String os = osName.toLowerCase(Locale.ROOT);
        String folder;
        String file;
        if (os.startsWith("linux") && !musl) {
            folder = "Linux";
            file = "libsqlitejdbc.so";
        } else if (os.startsWith("mac")) {
            folder = "Mac";
            file = "libsqlitejdbc.dylib";
        } else if (os.startsWith("windows")) {
            folder = "Windows";
            file = "sqlitejdbc.dll";
        } else {
            return Optional.empty();
        }
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        Path library = root.resolve(folder).resolve(arch).resolve(file);
        return Files.isRegularFile(library) ? Optional.of(library) : Optional.empty();
    }

    /** {@code sqlite-native/} beside the jar these classes were loaded from (none when run from a classes folder). */
    private static Optional<Path> besideJar() {
        try {
            CodeSource source = SqliteNativeLibrary.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar) || jar.getParent() == null) {
                return Optional.empty();
            }
            return Optional.of(jar.getParent().resolve("sqlite-native"));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Alpine and other musl systems need sqlite-jdbc's Linux-Musl build, which is not unpacked. */
    private static boolean musl() {
        try (var libs = Files.list(Path.of("/lib"))) {
            return libs.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (Exception e) {
            return false;
        }
    }
}
