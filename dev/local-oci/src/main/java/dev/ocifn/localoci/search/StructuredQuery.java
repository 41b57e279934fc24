package dev.ocifn.localoci.search;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A subset of OCI's Search query language:
 * <pre>
 * query all resources | query Type[, Type...] resources
 *   [return allAdditionalFields | return field[, field...]]
 *   [where condition]   conditions: field op 'value', op one of = != =~ !=~ &gt; &gt;= &lt; &lt;=,
 *                       joined by &amp;&amp; and ||, grouped with ( )
 *   [matching 'text']
 *   [sorted by displayName|timeCreated [asc|desc]]
 * </pre>
 * Keywords, types and field names are case-insensitive, string comparisons too; {@code =~}
 * means "contains". Anything else is refused with "Unable to parse query".
 */
record StructuredQuery(List<String> types, Predicate<ObjectNode> where, String matching,
                       boolean allAdditionalFields, List<String> returnFields, Comparator<ObjectNode> order) {

    /** Without "sorted by", Search lists the newest resources first. */
    static final Comparator<ObjectNode> NEWEST_FIRST = by("timeCreated").reversed();

    boolean typeMatches(ObjectNode resource) {
        if (types == null) {
            return true;
        }
        String type = resource.path("resourceType").asText();
        return types.stream().anyMatch(t -> t.equalsIgnoreCase(type));
    }

    static StructuredQuery parse(String query) {
        QueryTokens tokens = new QueryTokens(query);
        tokens.expect("query");
        List<String> types = types(tokens);
        tokens.expect("resources");
        Predicate<ObjectNode> where = null;
        String matching = null;
        Boolean all = null;
        List<String> returnFields = List.of();
        Comparator<ObjectNode> order = null;
        while (tokens.peek().kind() != QueryTokens.Kind.END) {
            QueryTokens.Token clause = tokens.take();
            if (clause.isWord("where") && where == null) {
                where = or(tokens);
            } else if (clause.isWord("matching") && matching == null) {
                matching = matching(tokens);
            } else if (clause.isWord("return") && all == null) {
                all = tokens.accept("allAdditionalFields");
                if (!all) {
                    returnFields = fieldList(tokens);
                }
            } else if (clause.isWord("sorted") && order == null) {
                tokens.expect("by");
                order = order(tokens);
            } else {
                throw QueryTokens.unparsable("unexpected " + clause.describe()
                        + "; after 'resources' come return, where, matching and sorted by, each at most once");
            }
        }
        return new StructuredQuery(types, where == null ? r -> true : where, matching, Boolean.TRUE.equals(all),
                returnFields, order == null ? NEWEST_FIRST : order);
    }

    /** null for "all". */
    private static List<String> types(QueryTokens tokens) {
        if (tokens.accept("all")) {
            return null;
        }
        List<String> types = new ArrayList<>();
        do {
            QueryTokens.Token type = tokens.take();
            if (type.kind() != QueryTokens.Kind.WORD || type.isWord("resources")) {
                throw QueryTokens.unparsable("expected a resource type or 'all' but found " + type.describe());
            }
            types.add(type.text());
        } while (tokens.acceptSymbol(","));
        return List.copyOf(types);
    }

    private static List<String> fieldList(QueryTokens tokens) {
        List<String> fields = new ArrayList<>();
        do {
            QueryTokens.Token field = tokens.take();
            if (field.kind() != QueryTokens.Kind.WORD) {
                throw QueryTokens.unparsable("expected a field name after 'return' but found " + field.describe());
            }
            fields.add(field.text());
        } while (tokens.acceptSymbol(","));
        return List.copyOf(fields);
    }

    private static String matching(QueryTokens tokens) {
        QueryTokens.Token text = tokens.take();
        if (text.kind() != QueryTokens.Kind.STRING && text.kind() != QueryTokens.Kind.WORD) {
            throw QueryTokens.unparsable("expected the text to match but found " + text.describe());
        }
        if (text.text().isBlank()) {
            throw QueryTokens.unparsable("the matching text is empty");
        }
        return text.text();
    }

    private static Comparator<ObjectNode> order(QueryTokens tokens) {
        QueryTokens.Token field = tokens.take();
        String name;
        if (field.isWord("displayName")) {
            name = "displayName";
        } else if (field.isWord("timeCreated")) {
            name = "timeCreated";
        } else {
            throw QueryTokens.unparsable("results can be sorted by displayName or timeCreated, not " + field.describe());
        }
        if (tokens.accept("desc")) {
            return by(name).reversed();
        }
        tokens.accept("asc");
        return by(name);
    }

    private static Comparator<ObjectNode> by(String field) {
        Comparator<ObjectNode> primary = field.equals("timeCreated")
                ? Comparator.comparing((ObjectNode r) -> instant(r.path(field).asText("")),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                : Comparator.comparing((ObjectNode r) -> r.path(field).asText("").toLowerCase(Locale.ROOT));
        return primary.thenComparing(r -> r.path("identifier").asText(""));
    }

    private static Predicate<ObjectNode> or(QueryTokens tokens) {
        Predicate<ObjectNode> left = and(tokens);
        while (tokens.acceptSymbol("||")) {
            left = left.or(and(tokens));
        }
        return left;
    }

    private static Predicate<ObjectNode> and(QueryTokens tokens) {
        Predicate<ObjectNode> left = condition(tokens);
        while (tokens.acceptSymbol("&&")) {
            left = left.and(condition(tokens));
        }
        return left;
    }

    private static Predicate<ObjectNode> condition(QueryTokens tokens) {
        if (tokens.acceptSymbol("(")) {
            Predicate<ObjectNode> inner = or(tokens);
            if (!tokens.acceptSymbol(")")) {
                throw QueryTokens.unparsable("expected ')' but found " + tokens.peek().describe());
            }
            return inner;
        }
        QueryTokens.Token field = tokens.take();
        if (field.kind() != QueryTokens.Kind.WORD) {
            throw QueryTokens.unparsable("expected a field name but found " + field.describe());
        }
        QueryTokens.Token op = tokens.take();
        if (op.kind() != QueryTokens.Kind.SYMBOL || List.of("&&", "||", "(", ")", ",").contains(op.text())) {
            throw QueryTokens.unparsable("expected a comparison (=, !=, =~, !=~, >, >=, <, <=) after '"
                    + field.text() + "' but found " + op.describe());
        }
        QueryTokens.Token value = tokens.take();
        if (value.kind() != QueryTokens.Kind.STRING && value.kind() != QueryTokens.Kind.NUMBER) {
            throw QueryTokens.unparsable("expected a quoted value after '" + field.text() + " " + op.text()
                    + "' but found " + value.describe());
        }
        return comparison(field.text(), op.text(), value.text());
    }

    private static Predicate<ObjectNode> comparison(String field, String op, String target) {
        return resource -> {
            List<String> values = ResourceFields.values(resource, field);
            return switch (op) {
                case "=" -> values.stream().anyMatch(v -> v.equalsIgnoreCase(target));
                case "!=" -> values.stream().noneMatch(v -> v.equalsIgnoreCase(target));
                case "=~" -> values.stream().anyMatch(v -> TextMatch.find(v, target, 0) >= 0);
                case "!=~" -> values.stream().noneMatch(v -> TextMatch.find(v, target, 0) >= 0);
                default -> values.stream().anyMatch(v -> ordered(compare(v, target), op));
            };
        };
    }

    private static boolean ordered(int comparison, String op) {
        return switch (op) {
            case ">" -> comparison > 0;
            case ">=" -> comparison >= 0;
            case "<" -> comparison < 0;
            default -> comparison <= 0;
        };
    }

    /** Dates as dates, numbers as numbers, anything else as case-insensitive text. */
    private static int compare(String value, String target) {
        Instant a = instant(value);
        Instant b = instant(target);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        try {
            return new BigDecimal(value).compareTo(new BigDecimal(target));
        } catch (NumberFormatException e) {
            return value.compareToIgnoreCase(target);
        }
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADay) {
                return null;
            }
        }
    }
}
