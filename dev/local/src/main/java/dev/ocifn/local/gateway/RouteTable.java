package dev.ocifn.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of one deployment, matched as API Gateway does: the path after the deployment's
 * prefix against each route's path, where {@code {name}} takes one segment and {@code {name*}}
 * the rest; a route with more literal segments wins over one with parameters.
 */
final class RouteTable {
    record Match(JsonNode route, Map<String, String> pathParams) {
    }

    private record Route(JsonNode spec, String[] segments, long literals) {
    }

    private final List<Route> routes = new ArrayList<>();

    RouteTable(JsonNode spec) {
        for (JsonNode route : spec.path("routes")) {
            String[] segments = split(route.path("path").asText());
            long literals = java.util.Arrays.stream(segments).filter(s -> !s.startsWith("{")).count();
            routes.add(new Route(route, segments, literals));
        }
        routes.sort(Comparator.comparingLong((Route r) -> -r.literals));
    }

    /** The routes whose path matches, best first (their methods are checked by the caller). */
    List<Match> match(String path) {
        String[] actual = split(path);
        List<Match> found = new ArrayList<>();
        for (Route route : routes) {
            match(route, actual).ifPresent(found::add);
        }
        return found;
    }

    private static Optional<Match> match(Route route, String[] actual) {
        Map<String, String> params = new LinkedHashMap<>();
        String[] expected = route.segments;
        for (int i = 0; i < expected.length; i++) {
            String e = expected[i];
            if (e.startsWith("{") && e.endsWith("*}")) {
                if (i >= actual.length) {
                    return Optional.empty();
                }
                params.put(e.substring(1, e.length() - 2), String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length)));
                return Optional.of(new Match(route.spec, params));
            }
            if (i >= actual.length) {
                return Optional.empty();
            }
            if (e.startsWith("{") && e.endsWith("}")) {
                params.put(e.substring(1, e.length() - 1), actual[i]);
            } else if (!e.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return expected.length == actual.length ? Optional.of(new Match(route.spec, params)) : Optional.empty();
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
