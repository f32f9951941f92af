package io.chokepoint.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets from everything the product prints, logs or writes: values whose key names a
 * secret (password, secret, token, credential, access key), the user-info of URIs
 * ({@code hdfs://user:pass@host} becomes {@code hdfs://***@host}), and all but a short printable
 * prefix of text read from a file that is not what the spec said it is.
 */
public final class Redaction {
  public static final String MASK = "***";
  /** How much of a foreign file's first line a message may quote. */
  public static final int FOREIGN_PREFIX = 40;
  private static final String SECRET_WORDS = "password|passwd|secret|token|credential|access[._-]?key";
  private static final Pattern SECRET = Pattern.compile(SECRET_WORDS, Pattern.CASE_INSENSITIVE);
  private Redaction() {}

  public static boolean isSecretKey(String key) {
    return SECRET.matcher(key.toLowerCase(Locale.ROOT)).find();
  }

  /**
   * A deep copy of {@code node} with every secret-named value replaced by {@link #MASK} and the
   * user-info of every URI in a string value masked.
   */
  public static JsonNode redact(JsonNode node) {
    return JsonTrees.redact(node);
  }

  /**
   * Free text (a message, a log line, a path) with URI user-info and the values of secret-named
   * keys masked. Every message the CLI prints goes through this.
   */
  public static String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    return maskSecretValues(maskUserInfo(s));
  }

  /**
   * {@code scheme://user-info@host} becomes {@code scheme://***@host}. The user-info runs to the
   * first '@' before the authority ends ('/', '?', '#', a space or a quote), or, once a ':' shows
   * a password, to the next '@' (secret keys may hold a '/'). A plain scan, linear in the text.
   */
  private static String maskUserInfo(String s) {
    StringBuilder b = null;
    int copied = 0;
    for (int sep = s.indexOf("://"); sep > 0; sep = s.indexOf("://", sep + 3)) {
      if (!Character.isLetter(s.charAt(sep - 1))) {
        continue;
      }
      int start = sep + 3;
      int at = -1;
      boolean password = false;
      for (int i = start; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '@') {
          at = i;
          break;
        }
        if (c == ':') {
          password = true;
        } else if (Character.isWhitespace(c) || c == '"' || c == '\'' || (!password && "/?#".indexOf(c) >= 0)) {
          break;
        }
      }
      if (at > start) {
        b = b == null ? new StringBuilder() : b;
        b.append(s, copied, start).append(MASK);
        copied = at;
      }
    }
    return b == null ? s : b.append(s, copied, s.length()).toString();
  }

  /**
   * Masks the value after each secret-named key followed by ':' or '=': as JSON
   * ({@code "secret_key": "v"}), as a property ({@code fs.s3a.secret.key=v}) or as a query
   * parameter ({@code ?token=v}). A plain scan, linear in the text, however long.
   */
  private static String maskSecretValues(String s) {
    Matcher m = SECRET.matcher(s);
    StringBuilder b = new StringBuilder();
    int copied = 0;
    int from = 0;
    int n = s.length();
    while (from < n && m.find(from)) {
      int i = m.end();
      while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || "_.-".indexOf(s.charAt(i)) >= 0)) {
        i++;
      }
      if (i < n && s.charAt(i) == '"') {
        i++;
      }
      i = skipSpaces(s, i);
      if (i >= n || (s.charAt(i) != ':' && s.charAt(i) != '=')) {
        from = m.end();
        continue;
      }
      int start = skipSpaces(s, i + 1);
      int end = start;
      String mask;
      if (start < n && s.charAt(start) == '"') {
        end = start + 1;
        while (end < n && s.charAt(end) != '"') {
          end += s.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(n, end + 1);
        mask = "\"" + MASK + "\"";
      } else {
        while (end < n && !Character.isWhitespace(s.charAt(end)) && ",;&})]".indexOf(s.charAt(end)) < 0) {
          end++;
        }
        mask = MASK;
      }
      if (end > start) {
        b.append(s, copied, start).append(mask);
        copied = end;
      }
      from = Math.max(end, m.end());
    }
    return copied == 0 ? s : b.append(s, copied, n).toString();
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /**
   * At most {@link #FOREIGN_PREFIX} characters of text read from a file of unknown content (the
   * first line of a file whose header matched nothing), printable ASCII only: anything else shows
   * as '?', so a binary or private file is never echoed.
   */
  public static String foreign(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < FOREIGN_PREFIX; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    String shown = text(b.toString());
    return "'" + shown + "'" + (s.length() > FOREIGN_PREFIX ? "…" : "");
  }

  /**
   * The JSON half, in its own class so that {@link #text} loads without Jackson (the CLI prints
   * messages through it where only the app's own classes are on the class path).
   */
  private static final class JsonTrees {
    private JsonTrees() {}

    static JsonNode redact(JsonNode node) {
      JsonNode copy = node.deepCopy();
      return copy.isTextual() ? TextNode.valueOf(text(copy.asText())) : walk(copy);
    }

    private static JsonNode walk(JsonNode node) {
      if (node.isObject()) {
        ObjectNode o = (ObjectNode) node;
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
          JsonNode v = o.get(k);
          if (isSecretKey(k)) {
            o.put(k, MASK);
          } else if (v.isTextual()) {
            o.put(k, text(v.asText()));
          } else {
            walk(v);
          }
        }
      } else if (node.isArray()) {
        ArrayNode a = (ArrayNode) node;
        for (int i = 0; i < a.size(); i++) {
          JsonNode v = a.get(i);
          if (v.isTextual()) {
            a.set(i, TextNode.valueOf(text(v.asText())));
          } else {
            walk(v);
          }
        }
      }
      return node;
    }
  }
}
