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
    return typed(key, JsonNode::isTextual, "a string", JsonNode::asText).orElse(def);
  }

  public String oneOf(String key, String def, List<String> allowed) {
    String v = string(key, def);
    if (!allowed.contains(v)) {
      throw new UsageException("params." + key + ": '" + v + "' is not one of " + allowed);
    }
    return v;
  }

  public double number(String key, double def) {
    return typed(key, JsonNode::isNumber, "a number", JsonNode::asDouble).orElse(def);
  }

  public boolean bool(String key, boolean def) {
    return typed(key, JsonNode::isBoolean, "true or false", JsonNode::asBoolean).orElse(def);
  }

  public Optional<Integer> integer(String key) {
    return typed(key, v -> v.isIntegralNumber() && v.canConvertToInt(), "a whole number", JsonNode::asInt);
  }

  /** The value at {@code key} converted, when present; a value of another JSON kind is a spec error. */
  private <T> Optional<T> typed(String key, java.util.function.Predicate<JsonNode> is, String expected,
      java.util.function.Function<JsonNode, T> as) {
    return get(key).map(v -> {
      if (!is.test(v)) {
        throw bad(key, expected, v);
      }
      return as.apply(v);
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
