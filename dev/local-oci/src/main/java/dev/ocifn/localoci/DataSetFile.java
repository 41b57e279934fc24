package dev.ocifn.localoci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;

/**
 * One JSON file of the user's data set, parsed again whenever its modification time or size
 * changes, so edits show up on the next request without a restart. A missing file is an empty
 * data set; a broken one answers 500 naming the file and the problem until it is fixed.
 */
public final class DataSetFile<T> {
    private final Path path;
    private final Function<JsonNode, T> parser;
    private final T empty;
    private FileTime modified;
    private long size = -1;
    private T value;
    private OciError broken;

    /** @param parser builds the data set; throws IllegalArgumentException naming what is wrong */
    DataSetFile(Path path, Function<JsonNode, T> parser, T empty) {
        this.path = path;
        this.parser = parser;
        this.empty = empty;
    }

    Path path() {
        return path;
    }

    /** The current contents; throws the file's problem as a 500. */
    public synchronized T get() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            modified = null;
            size = -1;
            broken = null;
            return empty;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!attributes.lastModifiedTime().equals(modified) || attributes.size() != size) {
            reload(attributes);
        }
        if (broken != null) {
            throw broken;
        }
        return value;
    }

    private void reload(BasicFileAttributes attributes) {
        modified = attributes.lastModifiedTime();
        size = attributes.size();
        try {
            value = parser.apply(Replies.JSON.readTree(Files.readAllBytes(path)));
            broken = null;
        } catch (JsonProcessingException e) {
            fail("not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        } catch (IOException e) {
            fail("unreadable: " + e.getMessage());
        }
    }

    private void fail(String problem) {
        value = null;
        broken = new OciError(500, "InternalServerError",
                "local-oci data set " + path.getFileName() + " is invalid: " + problem);
        System.getLogger(DataSetFile.class.getName()).log(System.Logger.Level.WARNING, broken.getMessage());
    }
}
