package io.chokepoint.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chokepoint.error.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code params} object of a job spec, read through typed accessors. A value of the wrong type
 * is a {@link UsageException} naming the key; an absent key gives the caller's default.
 */
public final class Params {
  private final ObjectNode node;

  Params(ObjectNode node) {
    this.node = node;
  }

  public Optional<JsonNode> get(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  public String string(String key, String def) {
    return get(key).map(v -> {
      if (!v.isTextual()) {
        throw bad(key, "a string", v);
      }
      return v.asText();
    }).orElse(def);
  }

  public String oneOf(String key, String def, List<String> allowed) {
    String v = string(key, def);
    if (!allowed.contains(v)) {
      throw new UsageException("params." + key + ": '" + v + "' is not one of " + allowed);
    }
    return v;
  }

  public double number(String key, double def) {
    return get(key).map(v -> {
      if (!v.isNumber()) {
        throw bad(key, "a number", v);
      }
      return v.asDouble();
    }).orElse(def);
  }

  public boolean bool(String key, boolean def) {
    return get(key).map(v -> {
      if (!v.isBoolean()) {
        throw bad(key, "true or false", v);
      }
      return v.asBoolean();
    }).orElse(def);
  }

  public Optional<Integer> integer(String key) {
    return get(key).map(v -> {
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        throw bad(key, "a whole number", v);
      }
      return v.asInt();
    });
  }

  /** A list of strings; a single string is taken as a list of one. */
  public Optional<List<String>> strings(String key) {
    return get(key).map(v -> {
      List<String> out = new ArrayList<>();
      if (v.isTextual()) {
        out.add(v.asText());
      } else if (v.isArray()) {
        for (JsonNode e : v) {
          if (!e.isTextual()) {
            throw bad(key, "a list of strings", v);
          }
          out.add(e.asText());
        }
      } else {
        throw bad(key, "a list of strings", v);
      }
      return List.copyOf(out);
    });
  }

  private static UsageException bad(String key, String expected, JsonNode got) {
    return new UsageException("params." + key + ": expected " + expected + ", got " + got);
  }
}
