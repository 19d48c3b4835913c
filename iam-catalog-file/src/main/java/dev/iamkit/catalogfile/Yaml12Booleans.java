package dev.iamkit.catalogfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Reads YAML 1.1's other booleans ({@code yes}, {@code no}, {@code on}, {@code off}, ...) as the
 * text they are in YAML 1.2: only {@code true} and {@code false} are booleans. So
 * {@code enabled: yes} is refused at its path, and {@code name: No} stays the text "No".
 */
final class Yaml12Booleans extends JsonParserDelegate {
    private JsonToken token;

    Yaml12Booleans(JsonParser d) {
        super(d);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        token = delegate.nextToken();
        if ((token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) && !isCanonical(delegate.getText())) {
            token = JsonToken.VALUE_STRING;
        }
        return token;
    }

    private static boolean isCanonical(String text) {
        return "true".equals(text) || "false".equals(text);
    }

    @Override
    public JsonToken currentToken() {
        return token;
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
        return token;
    }

    @Override
    public int currentTokenId() {
        return token == null ? JsonTokenId.ID_NO_TOKEN : token.id();
    }

    @Override
    @Deprecated
    public int getCurrentTokenId() {
        return currentTokenId();
    }

    @Override
    public boolean hasCurrentToken() {
        return token != null;
    }

    @Override
    public boolean hasTokenId(int id) {
        return currentTokenId() == id;
    }

    @Override
    public boolean hasToken(JsonToken t) {
        return token == t;
    }

    @Override
    public boolean isExpectedStartArrayToken() {
        return token == JsonToken.START_ARRAY;
    }

    @Override
    public boolean isExpectedStartObjectToken() {
        return token == JsonToken.START_OBJECT;
    }

    @Override
    public String getValueAsString() throws IOException {
        return token == JsonToken.VALUE_STRING ? delegate.getText() : delegate.getValueAsString();
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return this;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken t = nextToken();
            if (t == null) {
                return this;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
        }
        return this;
    }
}
