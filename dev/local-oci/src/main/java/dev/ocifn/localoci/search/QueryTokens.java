package dev.ocifn.localoci.search;

import dev.ocifn.localoci.OciError;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a Search query: words (keywords, resource types, field names such as
 * {@code freeformTags.key}), quoted strings, numbers and operators. Whitespace and line
 * breaks do not matter, as in OCI's language.
 */
final class QueryTokens {
    enum Kind { WORD, STRING, NUMBER, SYMBOL, END }

    record Token(Kind kind, String text, int position) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        String describe() {
            return kind == Kind.END ? "the end of the query" : "'" + text + "' at character " + (position + 1);
        }
    }

    private static final List<String> SYMBOLS = List.of("!=~", "=~", "!=", ">=", "<=", "&&", "||", "=", ">", "<", "(", ")", ",");

    private final List<Token> tokens;
    private int next;

    QueryTokens(String query) {
        this.tokens = tokenize(query);
    }

    Token peek() {
        return tokens.get(next);
    }

    Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }

    /** Takes the token when it is this keyword. */
    boolean accept(String word) {
        if (peek().isWord(word)) {
            next++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        if (!accept(word)) {
            throw unparsable("expected '" + word + "' but found " + peek().describe());
        }
    }

    static OciError unparsable(String problem) {
        return OciError.invalid("Unable to parse query: " + problem);
    }

    private static List<Token> tokenize(String query) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                i = quoted(query, i, tokens);
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < query.length() && Character.isDigit(query.charAt(i + 1)))) {
                int start = i++;
                while (i < query.length() && (Character.isDigit(query.charAt(i)) || query.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, query.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < query.length() && (Character.isLetterOrDigit(query.charAt(i)) || "_.-".indexOf(query.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, query.substring(start, i), start));
            } else {
                i = symbol(query, i, tokens);
            }
        }
        tokens.add(new Token(Kind.END, "", query.length()));
        return tokens;
    }

    private static int quoted(String query, int start, List<Token> tokens) {
        char quote = query.charAt(start);
        StringBuilder text = new StringBuilder();
        for (int i = start + 1; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\\' && i + 1 < query.length()) {
                text.append(query.charAt(++i));
            } else if (c == quote) {
                tokens.add(new Token(Kind.STRING, text.toString(), start));
                return i + 1;
            } else {
                text.append(c);
            }
        }
        throw unparsable("the string starting at character " + (start + 1) + " has no closing " + quote);
    }

    private static int symbol(String query, int at, List<Token> tokens) {
        for (String symbol : SYMBOLS) {
            if (query.startsWith(symbol, at)) {
                tokens.add(new Token(Kind.SYMBOL, symbol, at));
                return at + symbol.length();
            }
        }
        throw unparsable("unexpected '" + query.charAt(at) + "' at character " + (at + 1));
    }
}
