package dev.ocifn.tools.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Every check in the order it ran; passed when none failed (a skipped check is not a failure). */
public final class Report {
    private final List<Check> checks = new ArrayList<>();

    void add(Check check) {
        checks.add(check);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(Check::failed);
    }

    /** One line per check and a last line that counts them. */
    public String text() {
        StringBuilder out = new StringBuilder();
        checks.forEach(c -> out.append(c.line()).append('\n'));
        long failed = checks.stream().filter(Check::failed).count();
        out.append(failed == 0 ? "doctor: every check passed" : "doctor: " + failed + " of " + checks.size() + " checks failed");
        return out.toString();
    }

    /** {@code {"passed": ..., "checks": [{"name","status","cause","fix"}]}}. */
    public ObjectNode json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("passed", passed());
        ArrayNode list = root.putArray("checks");
        for (Check c : checks) {
            list.addObject().put("name", c.name()).put("status", c.status().name()).put("cause", c.cause()).put("fix", c.fix());
        }
        return root;
    }
}
