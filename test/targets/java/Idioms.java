import io.ecgrid.ecgridos.ECGridOS;
import io.ecgrid.ecgridos.ECGridOSPortType;
import io.ecgrid.ecgridos.KeyIDInfo;
import io.ecgrid.ecgridos.KeyVisibility;
import io.ecgrid.soap.runtime.CallOptions;
import io.ecgrid.soap.runtime.ClientOptions;
import io.ecgrid.soap.runtime.ClientUsageException;
import io.ecgrid.soap.runtime.SoapException;
import io.ecgrid.soap.runtime.SoapFaultException;
import io.ecgrid.soap.runtime.SoapTimeoutException;
import io.ecgrid.soap.runtime.TransportException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The contract SDK used the Java way, from its jars alone, against `ecgrid-codegen mock`
 * processes: args are the URL of a plain mock, of one started with `--fault KeySet=FILE` and of
 * one started with `--delay MS`. Prints one `name: value` line per idiom for
 * test/targets/java-artifacts.test.ts to check.
 */
public final class Idioms {
    private Idioms() {
    }

    /** A System.Logger that keeps every DEBUG line. */
    static final class Recorder implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }

        @Override
        public void log(Level level, Supplier<String> supplier) {
            lines.add(supplier.get());
        }
    }

    private static void print(String name, Object value) {
        System.out.println(name + ": " + String.valueOf(value).replace("\n", "\\n"));
    }

    public static void main(String[] args) {
        URI plain = URI.create(args[0]);
        URI faulty = URI.create(args[1]);
        URI slow = URI.create(args[2]);

        // One service object, a port per call: the ports share its HttpClient, so threads do not grow.
        ECGridOS service = new ECGridOS(plain);
        service.getECGridOSPort().KeySet("s", 1, KeyVisibility.SHARED);
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        long sum = 0;
        for (int i = 1; i <= 200; i++) {
            sum += service.getECGridOSPort().KeySet("s", i, KeyVisibility.SHARED).getUserID();
        }
        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        print("echo sum", sum);
        print("thread growth", after - before);
        HttpClient own = HttpClient.newHttpClient();
        print("own client", new ECGridOS(ClientOptions.defaults().withEndpoint(plain).withHttpClient(own)).httpClient() == own);

        // CompletableFuture variants.
        CompletableFuture<KeyIDInfo> future = service.getECGridOSPort().KeySetAsync("s", 42, KeyVisibility.SHARED);
        print("async", future.join().getUserID());

        // Per-call timeout against the delaying mock: the call's own timeout fires and is reported.
        ECGridOSPortType slowPort = new ECGridOS(ClientOptions.defaults().withEndpoint(slow).withTimeout(Duration.ofSeconds(30))).getECGridOSPort();
        long started = System.nanoTime();
        try {
            slowPort.KeySet("s", 1, KeyVisibility.SHARED, CallOptions.timeout(Duration.ofMillis(300)));
            print("timeout", "none");
        } catch (SoapTimeoutException e) {
            print("timeout", e.timeout() + " " + e.getMessage().replace(slow.toString(), "URL") + " fast="
                    + ((System.nanoTime() - started) < 5_000_000_000L));
        }
        try {
            slowPort.KeySetAsync("s", 1, KeyVisibility.SHARED, CallOptions.timeout(Duration.ofMillis(250))).join();
            print("async timeout", "none");
        } catch (CompletionException e) {
            SoapException error = SoapException.unwrap(e);
            print("async timeout", error.getClass().getSimpleName() + " " + ((SoapTimeoutException) error).timeout());
        }
        print("patient", slowPort.KeySet("s", 7, KeyVisibility.SHARED, CallOptions.timeout(Duration.ofSeconds(20))).getUserID());

        // A fault (the mock's --fault KeySet=FILE), blocking and async: typed, with its detail as XML and as plain values,
        // a one-letter session ID redacted as a token only.
        ECGridOSPortType faultyPort = new ECGridOS(faulty).getECGridOSPort();
        try {
            faultyPort.KeySet("s", 1, KeyVisibility.SHARED);
            print("fault", "none");
        } catch (SoapFaultException fault) {
            print("fault", fault.faultCode() + " | " + fault.reason() + " | " + fault.detailValue());
            print("fault detail", fault.detail());
        }
        Throwable seen = faultyPort.KeySetAsync("s", 1, KeyVisibility.SHARED).handle((value, error) -> error).join();
        print("async fault", seen.getClass().getSimpleName() + " " + ((SoapFaultException) seen).reason());

        // Logging: one line per exchange, and the bodies when asked, secrets redacted.
        Recorder log = new Recorder();
        new ECGridOS(ClientOptions.defaults().withEndpoint(plain).withLogger(log).withMessageDump(true)).getECGridOSPort()
                .KeySet("top-secret-session", 5, KeyVisibility.SHARED);
        print("log lines", log.lines.size());
        print("log exchange", log.lines.get(2).replaceAll("in \\d+ ms", "in N ms").replace(plain.toString(), "URL"));
        print("log secret", log.lines.stream().anyMatch(l -> l.contains("top-secret-session")));
        print("log request", log.lines.get(0).contains("<SessionID>***</SessionID>"));
        print("log response", log.lines.get(1).startsWith("KeySet response 200:\n<?xml"));

        // Usage errors and transport errors that say what failed.
        try {
            new ECGridOS(URI.create("ftp://user:pw-secret@example.com/x"));
        } catch (ClientUsageException e) {
            print("usage", e.code() + " " + e.getMessage().contains("pw-secret"));
        }
        try {
            new ECGridOS(URI.create("http://no-such-host.invalid/x")).getECGridOSPort().KeySet("s", 1, KeyVisibility.SHARED);
        } catch (TransportException e) {
            print("dns", e.getMessage() + " | cause " + e.getCause().getClass().getSimpleName());
        }
    }
}
