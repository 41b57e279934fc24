package dev.ocifn.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's template folders from wherever a command or test runs: Maven runs
 * tests in {@code tools/}, the README's commands run at the repository root.
 */
public final class RepoLayout {
    public static final String APIGW_TEMPLATES = "apigw/templates";
    public static final String POLICY_TEMPLATES = "policies/templates";

    private final Path root;

    private RepoLayout(Path root) {
        this.root = root;
    }

    /** Walks up from {@code start} to the first folder that has both template folders. */
    public static RepoLayout find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(APIGW_TEMPLATES)) && Files.isDirectory(dir.resolve(POLICY_TEMPLATES))) {
                return new RepoLayout(dir);
            }
        }
        throw new ToolException("cannot find " + APIGW_TEMPLATES + " and " + POLICY_TEMPLATES + " above " + start.toAbsolutePath()
                + "; run from inside the repository");
    }

    public static RepoLayout fromWorkingDirectory() {
        return find(Path.of(""));
    }

    public Path root() {
        return root;
    }

    public Path apigwTemplates() {
        return root.resolve(APIGW_TEMPLATES);
    }

    public Path policyTemplates() {
        return root.resolve(POLICY_TEMPLATES);
    }
}
