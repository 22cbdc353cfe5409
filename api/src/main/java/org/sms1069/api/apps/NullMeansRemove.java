package org.sms1069.api.apps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * For a settings update: an explicit JSON {@code null} reads as "" (remove the value), an absent field stays null
 * (keep the current value).
 */
final class NullMeansRemove extends StdDeserializer<String> {
    NullMeansRemove() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return StringDeserializer.instance.deserialize(parser, context);
    }

    @Override
    public String getNullValue(DeserializationContext context) {
        return "";
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }
}
