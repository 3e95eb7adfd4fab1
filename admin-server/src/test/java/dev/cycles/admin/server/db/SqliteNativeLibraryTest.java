package dev.cycles.admin.server.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class SqliteNativeLibraryTest {

    @Test
    void picksThisSystemsUnpackedLibraryByJavasOsNameAndArch(@TempDir Path root) throws IOException {
        Path linux = touch(root.resolve("Linux/x86_64/libsqlitejdbc.so"));
        Path linuxArm = touch(root.resolve("Linux/aarch64/libsqlitejdbc.so"));
        Path mac = touch(root.resolve("Mac/aarch64/libsqlitejdbc.dylib"));
        Path windows = touch(root.resolve("Windows/x86_64/sqlitejdbc.dll"));

        assertEquals(Optional.of(linux), SqliteNativeLibrary.library(root, "Linux", "amd64", false));
        assertEquals(Optional.of(linuxArm), SqliteNativeLibrary.library(root, "Linux", "aarch64", false));
        assertEquals(Optional.of(mac), SqliteNativeLibrary.library(root, "Mac OS X", "aarch64", false));
        assertEquals(Optional.of(windows), SqliteNativeLibrary.library(root, "Windows 11", "amd64", false));
    }

    @Test
    void leavesSqliteJdbcToItsOwnWayWhenThereIsNoMatchingCopy(@TempDir Path root) throws IOException {
        touch(root.resolve("Linux/x86_64/libsqlitejdbc.so"));

        assertEquals(Optional.empty(), SqliteNativeLibrary.library(root, "Linux", "amd64", true), "musl needs the Linux-Musl build");
        assertEquals(Optional.empty(), SqliteNativeLibrary.library(root, "Linux", "riscv64", false));
        assertEquals(Optional.empty(), SqliteNativeLibrary.library(root, "Mac OS X", "x86_64", false));
        assertEquals(Optional.empty(), SqliteNativeLibrary.library(root, "FreeBSD", "amd64", false));
        assertEquals(Optional.empty(), SqliteNativeLibrary.library(root.resolve("missing"), "Linux", "amd64", false));
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "not a real library");
    }
}
