package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SoapEnvelope#encodeRequest} (the envelope and its element in one builder, as the client
 * writes a request) gives exactly {@code encode(version, headers, encodeBody(...), indent)}: the
 * same text for every version, indent, Header and value, and the same exception.
 */
class EncodeRequestTest {

    private static <T> void same(SoapVersion version, List<String> headers, Root<T> root, T value, EncodeOptions options) {
        String twoSteps = SoapEnvelope.encode(version, headers, SoapEnvelope.encodeBody(version, root, value, options), options.indent());
        assertEquals(twoSteps, SoapEnvelope.encodeRequest(version, headers, root, value, options));
    }

    @Test
    void theSameTextAsTheBodyEncodedThenWrapped() {
        StreamDecoderTest.Entry entry = new StreamDecoderTest.Entry();
        entry.key = "a & <b>";
        entry.size = 7;
        entry.colors = new ArrayList<>(List.of(CodecTest.Color.RED));
        entry.colors.add(null);
        entry.note = Nillable.nil();
        StreamDecoderTest.Listing listing = new StreamDecoderTest.Listing();
        listing.title = "t";
        listing.entries = List.of(entry);
        listing.total = 1L;
        Root<StreamDecoderTest.Entry> entryRoot = Root.element("{" + StreamDecoderTest.NS + "}Entry", StreamDecoderTest.NS, "Entry", true,
                () -> StreamDecoderTest.ENTRY);
        String header = SoapEnvelope.encodeBody(SoapVersion.SOAP_11, entryRoot, entry, EncodeOptions.DEFAULT.withIndent(null));
        for (SoapVersion version : SoapVersion.values()) {
            for (String indent : new String[] {null, "  ", "\t"}) {
                EncodeOptions options = EncodeOptions.DEFAULT.withIndent(indent);
                for (List<String> headers : java.util.Arrays.asList(null, List.<String>of(), List.of(header))) {
                    same(version, headers, StreamDecoderTest.LISTING_ELEMENT, listing, options);
                    same(version, headers, StreamDecoderTest.LISTING_ELEMENT, null, options);
                    same(version, headers, entryRoot, entry, options.withXsiTypes(true));
                }
            }
        }
        CodecTest.Item item = new CodecTest.Item();
        item.name = "n";
        item.lang = "en";
        same(SoapVersion.SOAP_11, null, CodecTest.ITEM_ELEMENT, item, EncodeOptions.DEFAULT);
    }

    @Test
    void theSameException() {
        StreamDecoderTest.Listing missing = new StreamDecoderTest.Listing();
        EncodeException twoSteps = assertThrows(EncodeException.class,
                () -> SoapEnvelope.encodeBody(SoapVersion.SOAP_11, StreamDecoderTest.LISTING_ELEMENT, missing, EncodeOptions.DEFAULT));
        EncodeException fused = assertThrows(EncodeException.class,
                () -> SoapEnvelope.encodeRequest(SoapVersion.SOAP_11, null, StreamDecoderTest.LISTING_ELEMENT, missing, EncodeOptions.DEFAULT));
        assertEquals(twoSteps.code(), fused.code());
        assertEquals(twoSteps.getMessage(), fused.getMessage());
        assertEquals("missing-element", fused.code());
    }
}
