package dev.recsys.modelrepository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {

    @TempDir
    Path root;

    private final ObjectMapper json = new ObjectMapper();

    private void writeComplete(Path dir, int version) throws IOException {
        ModelCard.Files files = ModelCard.Files.standard();
        for (String f : files.all()) {
            Files.writeString(dir.resolve(f), "x");
        }
        json.writeValue(dir.resolve(ModelCard.FILE_NAME).toFile(), card(version, files));
    }

    private static ModelCard card(int version, ModelCard.Files files) {
        return new ModelCard("m", version, "2026-01-01T00:00:00Z", null, null, null, null, 4.0, 0, 0, 3.5, 8,
                List.of(), files, null);
    }

    @Test
    void versionAppearsOnlyWhenCompleteAndNumbersIncrease() throws IOException {
        ModelRepositoryWriter writer = new ModelRepositoryWriter(root);
        ModelRepository repo = new ModelRepository(root);
        Path first = writer.write("m", (tmp, version) -> {
            assertEquals(1, version);
            writeComplete(tmp, version);
            // while the files are being written no version directory is visible
            assertEquals(List.of(), repo.versions("m"));
            assertTrue(repo.latestComplete("m").isEmpty());
        });
        assertEquals(root.resolve("m").resolve("1"), first);
        Path second = writer.write("m", this::writeComplete);
        assertEquals(root.resolve("m").resolve("2"), second);
        assertEquals(2, repo.latestComplete("m").orElseThrow().version());
        assertEquals(List.of("m"), repo.models());
        try (Stream<Path> left = Files.list(root.resolve("m"))) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no temporary directory left");
        }
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        ModelRepositoryWriter writer = new ModelRepositoryWriter(root);
        assertThrows(IOException.class, () -> writer.write("m", (tmp, version) -> {
            Files.writeString(tmp.resolve("model.onnx"), "half");
            throw new IOException("disk full");
        }));
        try (Stream<Path> left = Files.list(root.resolve("m"))) {
            assertEquals(0, left.count());
        }
        assertEquals(1, writer.nextVersion("m"));
    }

    @Test
    void incompleteVersionsAreDetectedAndSkipped() throws IOException {
        Path v1 = Files.createDirectories(root.resolve("m/1"));
        writeComplete(v1, 1);
        // version 2: card names a file that is missing
        Path v2 = Files.createDirectories(root.resolve("m/2"));
        writeComplete(v2, 2);
        Files.delete(v2.resolve("seen.bin"));
        // version 3: no card at all; version 4: a truncated card
        Files.createDirectories(root.resolve("m/3"));
        Path v4 = Files.createDirectories(root.resolve("m/4"));
        writeComplete(v4, 4);
        Files.writeString(v4.resolve(ModelCard.FILE_NAME), "{\"name\":\"m\",\"vers");
        // not versions at all
        Files.createDirectories(root.resolve("m/.tmp-abc"));
        Files.createDirectories(root.resolve("m/latest"));

        ModelRepository repo = new ModelRepository(root);
        List<ModelVersion> versions = repo.versions("m");
        assertEquals(List.of(1, 2, 3, 4), versions.stream().map(ModelVersion::version).toList());
        assertEquals(List.of(true, false, false, false), versions.stream().map(ModelVersion::complete).toList());
        assertEquals(1, repo.latestComplete("m").orElseThrow().version());
        // new versions never reuse a number, complete or not
        assertEquals(5, new ModelRepositoryWriter(root).nextVersion("m"));
        assertTrue(repo.latestComplete("other").isEmpty());
    }

    @Test
    void onlyCanonicalVersionNamesAreVersions() throws IOException {
        // "01" is refused by every reader (it would be a second directory of version 1), so are 0 and 10 digits
        for (String name : List.of("01", "0", "+2", "1234567890")) {
            writeComplete(Files.createDirectories(root.resolve("m").resolve(name)), 1);
        }
        ModelRepository repo = new ModelRepository(root);
        assertEquals(List.of(), repo.versions("m"));
        assertTrue(repo.latestComplete("m").isEmpty());
        assertTrue(repo.complete("m", "01").isEmpty());
        assertEquals(1, new ModelRepositoryWriter(root).nextVersion("m"));

        writeComplete(Files.createDirectories(root.resolve("m/7")), 7);
        assertEquals(7, repo.complete("m", "7").orElseThrow().version());
        assertEquals(List.of(7), repo.versions("m").stream().map(ModelVersion::version).toList());
        assertFalse(ModelRepository.isVersionName(null));
        assertTrue(ModelRepository.isVersionName("123456789"));
    }

    @Test
    void aCardMustNameAllFivePlainFilesThatExist() throws IOException {
        ModelRepository repo = new ModelRepository(root);
        // no reference name: incomplete, even though a reference.json lies there (no default file name)
        Path v1 = Files.createDirectories(root.resolve("m/1"));
        writeComplete(v1, 1);
        ModelCard.Files noReference = new ModelCard.Files("model.onnx", "items.csv", "users.csv", "seen.bin", null);
        json.writeValue(v1.resolve(ModelCard.FILE_NAME).toFile(), card(1, noReference));
        // no files at all
        Path v2 = Files.createDirectories(root.resolve("m/2"));
        writeComplete(v2, 2);
        json.writeValue(v2.resolve(ModelCard.FILE_NAME).toFile(), card(2, null));
        // a name outside the version directory, although that file exists
        Path v3 = Files.createDirectories(root.resolve("m/3"));
        writeComplete(v3, 3);
        ModelCard.Files escaping = new ModelCard.Files("../1/model.onnx", "items.csv", "users.csv", "seen.bin",
                "reference.json");
        json.writeValue(v3.resolve(ModelCard.FILE_NAME).toFile(), card(3, escaping));
        // a further file name (from a newer writer) whose file is missing
        Path v4 = Files.createDirectories(root.resolve("m/4"));
        writeComplete(v4, 4);
        Files.writeString(v4.resolve(ModelCard.FILE_NAME), Files.readString(v4.resolve(ModelCard.FILE_NAME))
                .replace("\"files\":{", "\"files\":{\"extra\":\"extra.bin\","));
        // a card that is JSON but not a model card
        Path v5 = Files.createDirectories(root.resolve("m/5"));
        writeComplete(v5, 5);
        Files.writeString(v5.resolve(ModelCard.FILE_NAME), "{\"version\": \"five\"}");

        assertEquals(List.of(false, false, false, false, false),
                repo.versions("m").stream().map(ModelVersion::complete).toList());
        assertTrue(repo.latestComplete("m").isEmpty());
        assertTrue(repo.complete("m", "1").isEmpty());

        // the further file appears: version 4 is complete with it
        Files.writeString(v4.resolve("extra.bin"), "x");
        assertEquals(4, repo.latestComplete("m").orElseThrow().version());
    }

    @Test
    void namesFromRequestsStayInsideTheRepository() throws IOException {
        writeComplete(Files.createDirectories(root.resolve("m/1")), 1);
        writeComplete(Files.createDirectories(root.resolve("sub/.hidden/1")), 1);
        assertTrue(new ModelRepository(root).complete("m", "1").isPresent());
        // a repository next to m: "../m" would reach m's complete version 1
        ModelRepository repo = new ModelRepository(root.resolve("sub"));
        assertEquals(List.of(), repo.models());
        for (String model : List.of("../m", "..", ".", "sub/../../m", "", ".hidden")) {
            assertTrue(repo.complete(model, "1").isEmpty(), model);
            assertEquals(List.of(), repo.versions(model), model);
        }
        assertTrue(ModelRepository.isModelName("movie-recs_2.v1"));
        assertFalse(ModelRepository.isModelName("a".repeat(129)));
    }

    @Test
    void loadReadsTheHighestCompleteVersion() throws IOException {
        ModelRepositoryWriter writer = new ModelRepositoryWriter(root);
        for (int i = 0; i < 2; i++) {
            writer.write("m", (tmp, version) -> {
                ModelCard.Files files = ModelCard.Files.standard();
                new ItemTable(new int[] {10 + version}, new String[] {"t"}, new String[] {"Drama"}, new int[] {2000},
                        new int[] {1}, new float[] {4f}, new float[] {1f}).write(tmp.resolve(files.items()));
                new UserTable(new int[] {7}, new int[] {1}, new double[] {4}).write(tmp.resolve(files.users()));
                new SeenItems(new int[] {0, 1}, new int[] {0}).write(tmp.resolve(files.seen()));
                Files.writeString(tmp.resolve(files.model()), "onnx");
                Files.writeString(tmp.resolve(files.reference()), "{}");
                json.writeValue(tmp.resolve(ModelCard.FILE_NAME).toFile(), card(version, files));
            });
        }
        // version 3 is being written by hand, without its users.csv yet
        Path v3 = Files.createDirectories(root.resolve("m/3"));
        writeComplete(v3, 3);
        Files.delete(v3.resolve("users.csv"));

        ModelRepository repo = new ModelRepository(root);
        LoadedModel loaded = repo.load(repo.latestComplete("m").orElseThrow());
        assertEquals(2, loaded.version().version());
        assertEquals(12, loaded.items().movieId(0));
        assertEquals(root.resolve("m/2/reference.json"), loaded.referenceFile());
        assertEquals(root.resolve("m/2/model.onnx"), loaded.modelFile());
    }

    @Test
    void tablesRoundTrip() throws IOException {
        ItemTable items = new ItemTable(new int[] {5, 3}, new String[] {"Heat, The (1995)", "Say \"Hi\" (2001)"},
                new String[] {"Action|Crime", "(no genres listed)"}, new int[] {1995, ItemTable.UNKNOWN_YEAR},
                new int[] {10, 0}, new float[] {3.25f, Float.NaN}, new float[] {1f, 0f});
        items.write(root.resolve("items.csv"));
        ItemTable read = ItemTable.read(root.resolve("items.csv"));
        assertEquals("Heat, The (1995)", read.title(0));
        assertEquals("Say \"Hi\" (2001)", read.title(1));
        assertEquals(List.of("Action", "Crime"), read.genreList(0));
        assertEquals(List.of(), read.genreList(1));
        assertEquals(ItemTable.UNKNOWN_YEAR, read.year(1));
        assertTrue(Float.isNaN(read.meanRating(1)));
        assertEquals(1, read.indexOf(3));
        assertEquals(-1, read.indexOf(4));
        assertArrayEquals(new String[] {"Action", "Crime"}, read.genreNames());

        UserTable users = new UserTable(new int[] {9, 2}, new int[] {4, 120}, new double[] {3.5, 4.125});
        users.write(root.resolve("users.csv"));
        UserTable u = UserTable.read(root.resolve("users.csv"));
        assertEquals(0, u.indexOf(9));
        assertEquals(120, u.ratingCount(1));
        assertEquals(4.125, u.meanRating(1));

        SeenItems seen = new SeenItems(new int[] {0, 2, 2, 3}, new int[] {1, 4, 0});
        seen.write(root.resolve("seen.bin"));
        SeenItems s = SeenItems.read(root.resolve("seen.bin"));
        assertEquals(3, s.users());
        assertArrayEquals(new int[] {1, 4}, s.itemsOf(0));
        assertEquals(0, s.count(1));
        assertTrue(s.contains(2, 0));
        assertFalse(s.contains(0, 0));
        // big-endian: nUsers 3, offsets 0 2 2 3, items 1 4 0 → 8 ints
        byte[] bytes = Files.readAllBytes(root.resolve("seen.bin"));
        assertEquals(32, bytes.length);
        assertEquals(3, bytes[3]);
    }
}
