package dev.ocifn.tools.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocifn.tools.ToolException;
import dev.ocifn.tools.json.JsonFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A folder of JSON templates, one per name ({@code usage-fn.json} is template {@code usage-fn}). */
public final class TemplateDir {
    private final Path dir;

    public TemplateDir(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new ToolException(dir + ": cannot list templates (" + e.getMessage() + ")");
        }
    }

    public Path path(String name) {
        return dir.resolve(name + ".json");
    }

    public ObjectNode read(String name) {
        Path file = path(name);
        if (!Files.isRegularFile(file)) {
            throw new ToolException("no template " + name + " in " + dir + " (templates: " + String.join(", ", names()) + ")");
        }
        return JsonFiles.readObject(file);
    }
}
