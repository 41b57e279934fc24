package dev.ocifn.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --name value} / {@code --name=value} options and bare {@code --flag}s of one subcommand;
 * anything else is an error.
 */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Args() {
    }

    /**
     * @param refused options that must never be accepted, with the reason printed when one is given
     */
    public static Args parse(String[] args, int from, Set<String> allowed, Map<String, String> refused) {
        return parse(args, from, allowed, Set.of(), refused);
    }

    /** @param flags options that take no value; {@link #has} tells whether one was given */
    public static Args parse(String[] args, int from, Set<String> allowed, Set<String> flags, Map<String, String> refused) {
        Args out = new Args();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ToolException("unexpected argument '" + arg + "'; options look like --name value");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (refused.containsKey(name)) {
                throw new ToolException(refused.get(name));
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new ToolException("option --" + name + " takes no value");
                }
                value = "";
            } else if (!allowed.contains(name)) {
                Set<String> all = new TreeSet<>(allowed);
                all.addAll(flags);
                throw new ToolException("unknown option --" + name + " (options: --" + String.join(", --", all) + ")");
            } else if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new ToolException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (out.values.put(name, value) != null) {
                throw new ToolException("option --" + name + " is given twice");
            }
        }
        return out;
    }

    public String get(String name) {
        return values.get(name);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new ToolException("option --" + name + " is required");
        }
        return value;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
