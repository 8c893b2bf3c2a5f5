import io.ecgrid.ecgridos_api_v4.KeyListResponse;
import io.ecgrid.ecgridos_api_v4.KeyVisibility;
import io.ecgrid.ecgridos_api_v4.ObjectsType;
import io.ecgrid.ecgridos_api_v4.Roots;
import io.ecgrid.soap.runtime.EncodeOptions;
import io.ecgrid.soap.runtime.SoapEnvelope;
import io.ecgrid.soap.runtime.SoapVersion;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.bind.JAXBContext;
import javax.xml.bind.JAXBException;
import javax.xml.bind.Marshaller;
import javax.xml.bind.Unmarshaller;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * The Java runtime benchmark (run by test/bench/java.bench.mjs, not a test):
 * {@code java Bench <keylist-response.xml> <keyset.json>} times, in one JVM with rounds
 * interleaving the contestants, decoding the KeyListResponse envelope (the same String for each)
 * with ours (the generated v4.1 SDK on the runtime, as its client decodes a response) and with
 * JAXB on the classes wsimport generates from the WSDL (unmarshalling the Body's first element
 * from an XMLStreamReader, as JAX-WS does), a bare StAX pass as the floor; encoding the KeySet
 * request envelope with ours and with JAXB marshalling into an XMLStreamWriter inside the
 * envelope; and the bytes one decode allocates (ThreadMXBean). The StAX implementation is the
 * one {@code XMLInputFactory.newInstance()} finds, as for the runtime: the JDK's, or Woodstox
 * when it is on the class path (the test runs this twice). BENCH_ROUNDS sets the rounds; each contestant first runs
 * for BENCH_WARMUP_MS (2,000 by default), so that every one is timed compiled.
 * Prints one JSON object; every decoder's 10,000 KeyValue items are counted, and each encoder's
 * output is checked to hold each KeySet value.
 */
public final class Bench {
    private static final String TNS = "https://os.ecgrid.io/";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private Bench() {
    }

    private static Object sink;

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * Median nanoseconds per call of each contestant, rounds interleaving them; results go to
     * {@code last}. Each contestant first runs for at least {@code warmupNanos} (and
     * {@code minWarmup} calls), so that the JIT has compiled it before it is timed whatever its
     * speed: a count of calls alone gives a faster contestant less time for that. A round
     * repeats a contestant {@code repeat} times, or more to last about {@code roundNanos}, so
     * that each round holds the young collections of the contestant's own garbage in proportion
     * (no heap is collected between rounds: a full collection shrinks the young generation, and
     * the next rounds then collect more often than in a steady state).
     */
    private static Map<String, Double> compare(Map<String, Supplier<Object>> contestants, int rounds, int repeat, int minWarmup,
            long warmupNanos, long roundNanos, Map<String, Object> last) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, Integer> repeats = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Object>> c : contestants.entrySet()) {
            times.put(c.getKey(), new ArrayList<>());
            long started = System.nanoTime();
            long calls = 0;
            while (calls < minWarmup || System.nanoTime() - started < warmupNanos) {
                last.put(c.getKey(), c.getValue().get());
                calls++;
            }
            double perCall = (double) (System.nanoTime() - started) / calls;
            repeats.put(c.getKey(), (int) Math.max(repeat, Math.min(10_000_000L, (long) (roundNanos / perCall))));
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Supplier<Object>> c : contestants.entrySet()) {
                int n = repeats.get(c.getKey());
                Object result = null;
                long started = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    result = c.getValue().get();
                }
                times.get(c.getKey()).add((double) (System.nanoTime() - started) / n);
                last.put(c.getKey(), result);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((k, v) -> medians.put(k, median(v)));
        return medians;
    }

    private static long allocatedBy(Supplier<Object> fn) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        sink = fn.get();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** KEYSET_INPUT: a flat JSON object of strings and integers. */
    private static Map<String, String> readFlatJson(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2) != null ? m.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(3));
        }
        return out;
    }

    private static String json(Map<String, ?> map) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> inner = (Map<String, ?>) v;
                b.append(json(inner));
            } else if (v instanceof String) {
                b.append('"').append(((String) v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.append('}').toString();
    }

    private static XMLStreamReader atBodyChild(XMLInputFactory factory, String text) throws XMLStreamException {
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(text));
        while (!(reader.next() == XMLStreamConstants.START_ELEMENT && "Body".equals(reader.getLocalName()) && SOAP11.equals(reader.getNamespaceURI()))) {
            // skip to the Body
        }
        reader.nextTag();
        return reader;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java Bench <keylist-response.xml> <keyset.json>");
            System.exit(2);
        }
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "7"));
        // Each contestant's warm-up, in time (BENCH_WARMUP_MS): the JIT needs seconds, not a number of calls.
        long warmupNanos = Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_MS", "2000")) * 1_000_000L;
        String document = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Map<String, String> input = readFlatJson(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));

        // JAX-WS keeps one factory and one JAXB context; the (un)marshallers are reused here, which only helps the peer.
        XMLInputFactory inputs = XMLInputFactory.newInstance();
        XMLOutputFactory outputs = XMLOutputFactory.newInstance();
        JAXBContext context = JAXBContext.newInstance(bench.jaxb.KeyListResponse.class, bench.jaxb.KeySet.class);
        Unmarshaller unmarshaller = context.createUnmarshaller();
        Marshaller marshaller = context.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);

        // --- decode ---------------------------------------------------------------------------
        // As the client decodes a response: the Body's element straight from the reader when it can be.
        Supplier<Object> decodeOurs = () -> SoapEnvelope.decodeBody(document, Roots.KEY_LIST_RESPONSE);
        Supplier<Object> decodeJaxb = () -> {
            try {
                XMLStreamReader reader = atBodyChild(inputs, document);
                Object value = unmarshaller.unmarshal(reader, bench.jaxb.KeyListResponse.class).getValue();
                reader.close();
                return value;
            } catch (JAXBException | XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        };
        Supplier<Object> stax = () -> {
            try {
                XMLStreamReader reader = inputs.createXMLStreamReader(new StringReader(document));
                int items = 0;
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && "KeyValue".equals(reader.getLocalName())) {
                        items++;
                    }
                }
                reader.close();
                return items;
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        };
        Map<String, Supplier<Object>> decoders = new LinkedHashMap<>();
        decoders.put("ours", decodeOurs);
        decoders.put("JAXB", decodeJaxb);
        decoders.put("StAX pass (floor)", stax);
        Map<String, Object> decoded = new LinkedHashMap<>();
        Map<String, Double> decode = compare(decoders, rounds, 1, 5, warmupNanos, 250_000_000L, decoded);
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("ours", ((KeyListResponse) decoded.get("ours")).getKeyListResult().getKeyValue().size());
        items.put("JAXB", ((bench.jaxb.KeyListResponse) decoded.get("JAXB")).getKeyListResult().getKeyValue().size());
        items.put("StAX pass (floor)", decoded.get("StAX pass (floor)"));
        decoded.clear();

        // --- encode ---------------------------------------------------------------------------
        io.ecgrid.ecgridos_api_v4.KeySet ours = new io.ecgrid.ecgridos_api_v4.KeySet();
        ours.setSessionID(input.get("SessionID"));
        ours.setKey(input.get("Key"));
        ours.setSystemObject(ObjectsType.fromValue(input.get("SystemObject")));
        ours.setObjectID(Long.parseLong(input.get("ObjectID")));
        ours.setVisibility(KeyVisibility.fromValue(input.get("Visibility")));
        ours.setValue(input.get("Value"));
        ours.setMeta(input.get("Meta"));
        ours.setDaysToLive(Integer.parseInt(input.get("DaysToLive")));
        bench.jaxb.KeySet peer = new bench.jaxb.KeySet();
        peer.setSessionID(input.get("SessionID"));
        peer.setKey(input.get("Key"));
        peer.setSystemObject(bench.jaxb.Objects.fromValue(input.get("SystemObject")));
        peer.setObjectID(Long.parseLong(input.get("ObjectID")));
        peer.setVisibility(bench.jaxb.KeyVisibility.fromValue(input.get("Visibility")));
        peer.setValue(input.get("Value"));
        peer.setMeta(input.get("Meta"));
        peer.setDaysToLive(Integer.parseInt(input.get("DaysToLive")));
        // As the client writes a request: the envelope and the element in one builder.
        Supplier<Object> encodeOurs = () -> SoapEnvelope.encodeRequest(SoapVersion.SOAP_11, null, Roots.KEY_SET, ours,
                EncodeOptions.DEFAULT.withIndent(null));
        Supplier<Object> encodeJaxb = () -> {
            try {
                StringWriter out = new StringWriter();
                XMLStreamWriter writer = outputs.createXMLStreamWriter(out);
                writer.writeStartDocument("utf-8", "1.0");
                writer.writeStartElement("soap", "Envelope", SOAP11);
                writer.writeNamespace("soap", SOAP11);
                writer.writeStartElement("soap", "Body", SOAP11);
                marshaller.marshal(peer, writer);
                writer.writeEndElement();
                writer.writeEndElement();
                writer.writeEndDocument();
                writer.close();
                return out.toString();
            } catch (JAXBException | XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        };
        Map<String, Supplier<Object>> encoders = new LinkedHashMap<>();
        encoders.put("ours", encodeOurs);
        encoders.put("JAXB marshal", encodeJaxb);
        Map<String, Object> encoded = new LinkedHashMap<>();
        Map<String, Double> encode = compare(encoders, rounds, 20_000, 20_000, warmupNanos, 100_000_000L, encoded);
        for (Map.Entry<String, Object> e : encoded.entrySet()) {
            String text = (String) e.getValue();
            for (Map.Entry<String, String> field : input.entrySet()) {
                String escaped = field.getValue().replace("&", "&amp;").replace("<", "&lt;");
                if (!text.contains(">" + escaped + "<")) {
                    System.err.println(e.getKey() + " did not encode " + field.getKey() + ": " + text);
                    System.exit(1);
                }
            }
        }

        // --- bytes allocated by one decode ------------------------------------------------------
        Map<String, Object> allocated = new LinkedHashMap<>();
        allocated.put("ours", allocatedBy(decodeOurs));
        allocated.put("JAXB", allocatedBy(decodeJaxb));

        Map<String, Object> decodeMs = new LinkedHashMap<>();
        decode.forEach((k, v) -> decodeMs.put(k, v / 1e6));
        Map<String, Object> encodeUs = new LinkedHashMap<>();
        encode.forEach((k, v) -> encodeUs.put(k, v / 1e3));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("java", System.getProperty("java.version"));
        out.put("stax", inputs.getClass().getName());
        out.put("stax_writer", outputs.getClass().getName());
        out.put("jaxb", context.getClass().getName());
        out.put("document_chars", document.length());
        out.put("rounds", rounds);
        out.put("decode_ms", decodeMs);
        out.put("decode_items", items);
        out.put("encode_us", encodeUs);
        out.put("decode_allocated_bytes", allocated);
        System.out.println(json(out));
    }
}
