package fr.vitrine.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StagingTest {

    @TempDir
    Path tmp;

    /** The previous site is deleted in the background, whole, without following a link out of it. */
    @Test
    void theOldSiteIsDeletedInTheBackgroundWithoutFollowingLinks() throws IOException, InterruptedException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "not the site's");
        Path old = Files.createDirectories(tmp.resolve(".site.tmp-1.old/conventions/a"));
        Files.writeString(old.resolve("index.html"), "<p>old</p>");
        Files.createSymbolicLink(tmp.resolve(".site.tmp-1.old/link"), outside);
        Files.createSymbolicLink(tmp.resolve(".site.tmp-1.old/conventions/keep.txt"), outside.resolve("keep.txt"));

        Staging.deleteInBackground(tmp.resolve(".site.tmp-1.old"));
        for (int i = 0; i < 3000 && Files.exists(tmp.resolve(".site.tmp-1.old"), LinkOption.NOFOLLOW_LINKS); i++) {
            Thread.sleep(10);
        }

        assertFalse(Files.exists(tmp.resolve(".site.tmp-1.old"), LinkOption.NOFOLLOW_LINKS), "deleted within 30 s");
        assertEquals("not the site's", Files.readString(outside.resolve("keep.txt")));
        assertTrue(Files.isDirectory(outside));
    }

    @Test
    void aMissingFolderIsNothingToDelete() {
        Staging.deleteInBackground(tmp.resolve("absent"));
        assertFalse(Files.exists(tmp.resolve("absent")));
    }
}
