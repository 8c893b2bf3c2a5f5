import io.ecgrid.soap.runtime.DecodeOptions;
import io.ecgrid.soap.runtime.EncodeOptions;
import io.ecgrid.soap.runtime.Root;
import io.ecgrid.soap.runtime.SoapEnvelope;
import io.ecgrid.soap.runtime.SoapException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java round-trip driver (test/targets/README.md): for each vector of a manifest, decodes the
 * input with the generated codec and encodes it again into {@code <outDir>/<name>.xml}. Stops at
 * the first failure with a message naming the vector and exits 1. With {@code --keep-going} it
 * writes the failure's code into {@code <outDir>/<name>.error} instead and goes on (strictness
 * comparisons over invalid documents).
 *
 * <p>It is compiled as a class of the generated package (the test prepends its {@code package}
 * line), so {@code Roots} is that package's.
 *
 * <p>Usage: {@code java RoundTrip [--keep-going] <manifest.json> <outDir>}
 */
public final class RoundTrip {
    private RoundTrip() {
    }

    public static void main(String[] args) throws IOException {
        boolean keepGoing = args.length == 3 && args[0].equals("--keep-going");
        if (args.length != (keepGoing ? 3 : 2)) {
            System.err.println("usage: java RoundTrip [--keep-going] <manifest.json> <outDir>");
            System.exit(2);
        }
        Path manifestPath = Path.of(args[keepGoing ? 1 : 0]);
        Path outDir = Path.of(args[keepGoing ? 2 : 1]);
        Files.createDirectories(outDir);
        Map<?, ?> manifest = (Map<?, ?>) new Json(Files.readString(manifestPath, StandardCharsets.UTF_8)).parse();
        for (Object item : (List<?>) manifest.get("vectors")) {
            Map<?, ?> vector = (Map<?, ?>) item;
            String name = (String) vector.get("name");
            try {
                String input = Files.readString(manifestPath.resolveSibling((String) vector.get("input")), StandardCharsets.UTF_8);
                String output = run(vector, input);
                Files.write(outDir.resolve(name + ".xml"), output.getBytes(StandardCharsets.UTF_8));
            } catch (SoapException e) {
                if (!keepGoing) {
                    fail(name, e);
                }
                Files.write(outDir.resolve(name + ".error"), e.code().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                fail(name, e);
            }
        }
    }

    private static void fail(String name, RuntimeException e) {
        System.err.println("vector " + name + ": " + e);
        System.exit(1);
    }

    private static String run(Map<?, ?> vector, String input) {
        Map<?, ?> rootSpec = (Map<?, ?>) vector.get("root");
        Root.Kind kind = "element".equals(rootSpec.get("kind")) ? Root.Kind.ELEMENT : Root.Kind.TYPE;
        Root<?> root = Roots.find(kind, (String) rootSpec.get("id"));
        if (root == null) {
            throw new IllegalArgumentException("no root " + kind + " " + rootSpec.get("id") + " in the generated package");
        }
        Map<?, ?> decode = (Map<?, ?>) vector.get("decode");
        Map<?, ?> encode = (Map<?, ?>) vector.get("encode");
        DecodeOptions decodeOptions = "ignore".equals(decode.get("namespaces")) ? DecodeOptions.IGNORE_NAMESPACES : DecodeOptions.STRICT;
        EncodeOptions encodeOptions = new EncodeOptions(Boolean.TRUE.equals(encode.get("qualified")), (String) encode.get("indent"));
        return roundTrip(root, "envelope".equals(vector.get("kind")), input, decodeOptions, encodeOptions);
    }

    private static <T> String roundTrip(Root<T> root, boolean envelope, String input, DecodeOptions decode, EncodeOptions encode) {
        if (!envelope) {
            return root.encode(root.decode(input, decode), encode);
        }
        SoapEnvelope parsed = SoapEnvelope.decode(input);
        T value = root.decode(parsed.body(), decode);
        return SoapEnvelope.encode(parsed.version(), SoapEnvelope.encodeBody(parsed.version(), root, value, encode), encode.indent());
    }

    /** Just enough JSON for the manifest: objects, arrays, strings, numbers, booleans, null. */
    private static final class Json {
        private final String text;
        private int pos;

        Json(String text) {
            this.text = text;
        }

        Object parse() {
            Object value = value();
            skipSpace();
            if (pos != text.length()) {
                throw error("trailing text");
            }
            return value;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("manifest JSON: " + what + " at offset " + pos);
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean take(char c) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!take(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> object = new LinkedHashMap<>();
                if (take('}')) {
                    return object;
                }
                do {
                    skipSpace();
                    String key = string();
                    expect(':');
                    object.put(key, value());
                } while (take(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                pos++;
                List<Object> array = new ArrayList<>();
                if (take(']')) {
                    return array;
                }
                do {
                    array.add(value());
                } while (take(','));
                expect(']');
                return array;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (text.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected character");
            }
            return Double.valueOf(text.substring(start, pos));
        }

        private String string() {
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expected a string");
            }
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
        }
    }
}
