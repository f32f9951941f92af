package io.chokepoint.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Hides values whose key names a secret, for the manifest and the logs. */
public final class Redaction {
  public static final String MASK = "***";
  private static final Pattern SECRET =
      Pattern.compile("password|passwd|secret|token|credential|access[._-]?key", Pattern.CASE_INSENSITIVE);

  private Redaction() {}

  public static boolean isSecretKey(String key) {
    return SECRET.matcher(key.toLowerCase(Locale.ROOT)).find();
  }

  /** A deep copy of {@code node} with every secret-named value replaced by {@link #MASK}. */
  public static JsonNode redact(JsonNode node) {
    JsonNode copy = node.deepCopy();
    walk(copy);
    return copy;
  }

  private static void walk(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (isSecretKey(k)) {
          o.put(k, MASK);
        } else {
          walk(o.get(k));
        }
      }
    } else if (node.isArray()) {
      node.forEach(Redaction::walk);
    }
  }
}
