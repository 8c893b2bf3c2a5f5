/*
 * The Java hostile-suite driver (test/hostile/hostile.test.ts): one KeySet call through the
 * committed contract SDK (io.ecgrid.ecgridos, on the runtime io.ecgrid.soap.runtime) with the
 * given deadline and every other option at its default; one JSON line on stdout.
 *
 *     java -cp <classes> HostileDriver <endpoint-url> <timeout-ms>
 */
import io.ecgrid.ecgridos.ECGridOS;
import io.ecgrid.ecgridos.ECGridOSPortType;
import io.ecgrid.ecgridos.KeyIDInfo;
import io.ecgrid.ecgridos.KeyVisibility;
import io.ecgrid.soap.runtime.ClientOptions;
import io.ecgrid.soap.runtime.SoapException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class HostileDriver {
    private HostileDriver() {
    }

    public static void main(String[] args) {
        ClientOptions options = ClientOptions.defaults().withEndpoint(URI.create(args[0]))
                .withTimeout(Duration.ofMillis(Long.parseLong(args[1])));
        // The port (and its HTTP client) is made before the clock starts: elapsedMs is the call's.
        ECGridOSPortType port = new ECGridOS(options).getECGridOSPort();
        StringBuilder line = new StringBuilder("{");
        long started = System.nanoTime();
        try {
            KeyIDInfo info = port.KeySet("s3cr3t-session-7f9e2c", 5001, KeyVisibility.SHARED);
            double elapsed = (System.nanoTime() - started) / 1e6;
            line.append("\"ok\":true,\"value\":{")
                    .append("\"KeyID\":").append(info.getKeyID())
                    .append(",\"UserID\":").append(info.getUserID())
                    .append(",\"Key\":").append(json(info.getKey()))
                    .append(",\"Visibility\":").append(json(info.getVisibility() == null ? null : info.getVisibility().value()))
                    .append(",\"Created\":").append(json(info.getCreated() == null ? null : info.getCreated().toString()))
                    .append("},\"elapsedMs\":").append(elapsed);
        } catch (Throwable error) { // everything, to report what escaped: the suite fails on it
            double elapsed = (System.nanoTime() - started) / 1e6;
            boolean sdkError = error instanceof SoapException;
            line.append("\"ok\":false,\"sdkError\":").append(sdkError)
                    .append(",\"type\":").append(json(error.getClass().getSimpleName()))
                    .append(",\"code\":").append(json(sdkError ? ((SoapException) error).code() : ""))
                    .append(",\"message\":").append(json(String.valueOf(error.getMessage())))
                    .append(",\"elapsedMs\":").append(elapsed);
        }
        line.append(",\"peakRssKb\":").append(peakRssKb()).append('}');
        System.out.println(line);
        System.out.flush();
        System.exit(0);
    }

    /** VmHWM of this process, in KiB; -1 where /proc is missing. */
    private static long peakRssKb() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
            Matcher m = Pattern.compile("^VmHWM:\\s+(\\d+) kB", Pattern.MULTILINE).matcher(status);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String json(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff && !validSurrogate(text, i))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Whether the surrogate at {@code i} is half of a pair (a lone one is escaped, so the line stays UTF-8). */
    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
