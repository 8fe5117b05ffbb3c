package dev.enterpriseconnect.scim.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter or PATCH path into tokens. A word is any run of characters other than blanks,
 * parentheses, brackets and quotes: attribute paths, keywords, operators and bare literals are
 * told apart by the parser, which knows what it expects where.
 */
final class FilterTokenizer {

    enum Kind {
        WORD, STRING, LPAREN, RPAREN, LBRACKET, RBRACKET, END
    }

    /**
     * @param text the token as written (a string keeps its quotes)
     * @param value the decoded content of a string, else {@code text}
     * @param position 1-based position of the token's first character
     */
    record Token(Kind kind, String text, String value, int position) {

        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        /** How the token is shown in error messages. */
        String shown() {
            return kind == Kind.END ? "the end" : "'" + text + "'";
        }
    }

    private final String input;
    private int index;

    private FilterTokenizer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new FilterTokenizer(input).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (index < input.length() && Character.isWhitespace(input.charAt(index))) {
                index++;
            }
            if (index == input.length()) {
                tokens.add(new Token(Kind.END, "", "", index + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = index;
        char c = input.charAt(index);
        Kind single = switch (c) {
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            default -> null;
        };
        if (single != null) {
            index++;
            return new Token(single, String.valueOf(c), String.valueOf(c), start + 1);
        }
        if (c == '"') {
            String value = string();
            return new Token(Kind.STRING, input.substring(start, index), value, start + 1);
        }
        while (index < input.length() && !endsWord(input.charAt(index))) {
            index++;
        }
        String word = input.substring(start, index);
        return new Token(Kind.WORD, word, word, start + 1);
    }

    private static boolean endsWord(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"';
    }

    /** Reads a JSON string (RFC 8259 §7) starting at the opening quote; returns its decoded content. */
    private String string() {
        int start = index;
        index++;
        StringBuilder out = new StringBuilder();
        while (index < input.length()) {
            char c = input.charAt(index);
            if (c == '"') {
                index++;
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                index++;
                continue;
            }
            if (index + 1 >= input.length()) {
                break;
            }
            char escaped = input.charAt(index + 1);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw new ScimFilterException(
                        "Invalid escape '\\" + escaped + "' in string at position " + (index + 1));
            }
            index += escaped == 'u' ? 6 : 2;
        }
        throw new ScimFilterException("Unterminated string starting at position " + (start + 1));
    }

    private char unicodeEscape() {
        int digits = index + 2;
        if (digits + 4 > input.length()) {
            throw new ScimFilterException("Invalid unicode escape in string at position " + (index + 1));
        }
        int code = 0;
        for (int i = digits; i < digits + 4; i++) {
            int digit = Character.digit(input.charAt(i), 16);
            if (digit < 0) {
                throw new ScimFilterException("Invalid unicode escape in string at position " + (index + 1));
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }
}
