package dev.ocifn.search;

import dev.ocifn.support.FnError;
import dev.ocifn.support.GatewayRequest;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses a gateway call whose body is declared as something other than JSON (415), e.g. the
 * form encoding curl picks for {@code -d} without a Content-Type. A missing Content-Type is
 * accepted, and a plain {@code fn invoke} is not checked: the Fn CLI sends its own default.
 */
final class JsonContent {
    private JsonContent() {
    }

    static void require(GatewayRequest request) {
        if (!request.viaGateway()) {
            return;
        }
        Optional<String> type = request.contentType();
        if (type.isEmpty()) {
            return;
        }
        String media = type.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
            throw new FnError(415, "UnsupportedMediaType", "Content-Type must be application/json");
        }
    }
}
