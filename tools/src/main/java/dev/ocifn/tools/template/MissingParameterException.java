package dev.ocifn.tools.template;

import dev.ocifn.tools.ToolException;

/** A template asks for a parameter that the parameters file does not have. */
public class MissingParameterException extends ToolException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public MissingParameterException(String name) {
        super("missing parameter " + name);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
