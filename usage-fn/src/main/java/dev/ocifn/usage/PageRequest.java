package dev.ocifn.usage;

import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;

import java.util.Optional;

/**
 * Paging chosen by the caller with the {@code page} and {@code limit} query parameters. When
 * neither is given the function follows the pages itself.
 */
record PageRequest(Optional<String> page, Optional<Integer> limit) {
    static final int MAX_LIMIT = 10_000;

    boolean manual() {
        return page.isPresent() || limit.isPresent();
    }

    static PageRequest from(GatewayRequest request) {
        Optional<String> page = request.query("page");
        if (page.isPresent() && (page.get().isEmpty() || page.get().length() > 4096
                || page.get().chars().anyMatch(Character::isISOControl))) {
            throw FnError.badInput("page", "must be the opc-next-page token of an earlier answer");
        }
        Optional<Integer> limit = request.query("limit").map(PageRequest::limit);
        return new PageRequest(page, limit);
    }

    private static int limit(String raw) {
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw FnError.badInput("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
