package dev.ocifn.tools;

/**
 * A problem the user can fix (bad input, missing parameter, refused request). Its message is
 * printed as the one-line error of a command, so it must never carry a secret.
 */
public class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
