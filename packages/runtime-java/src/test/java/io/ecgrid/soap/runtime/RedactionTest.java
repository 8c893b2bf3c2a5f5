package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets never show: in model toString() output, in error texts, and in kept XML (fault details). */
class RedactionTest {

    @Test
    void secretFieldsPrintAsStars() {
        assertEquals("***", Show.secret("a3f1"));
        assertEquals("null", Show.secret(null));
        assertEquals("[1, base64:AA==, null]", Show.value(java.util.Arrays.asList(1, new byte[] {0}, null)));
    }

    @Test
    void onlyNonEmptyStringsAreSecrets() {
        assertEquals(List.of("s1"), Show.secrets("s1", "", null, 5));
    }

    @Test
    void redactsPlainAndXmlEscapedForms() {
        List<String> secrets = List.of("a<b&\"c");
        String text = "plain a<b&\"c, text a&lt;b&amp;\"c, attribute a&lt;b&amp;&quot;c";
        assertEquals("plain ***, text ***, attribute ***", Show.redact(text, secrets));
        assertSame(text, Show.redact(text, List.of()));
    }

    @Test
    void redactsTextCommentsAndAttributesOfKeptXml() {
        XmlElement detail = XmlElement.parse("<d a=\"key-1\"><e>was key-1</e><!--key-1--><?p key-1?></d>");
        String redacted = Show.redact(detail, List.of("key-1")).toString();
        assertEquals("<d a=\"***\"><e>was ***</e><!--***--><?p ***?></d>", redacted);
        assertFalse(redacted.contains("key-1"));
    }

    @Test
    void aShortSecretIsRedactedOnlyAsAWholeToken() {
        // SessionID "s" leaves soap:Client alone; "127" leaves the address alone; both go where they stand alone.
        assertEquals("SOAP fault soap:Client: bad session ***", Show.redact("SOAP fault soap:Client: bad session s", List.of("s")));
        assertEquals("request to http://127.0.0.1:8080/x failed for user ***.",
                Show.redact("request to http://127.0.0.1:8080/x failed for user 127.", List.of("127")));
        assertEquals("<SessionID>***</SessionID> sessions", Show.redact("<SessionID>s</SessionID> sessions", List.of("s")));
        assertEquals("id=***, key \"***\"", Show.redact("id=ab1, key \"ab1\"", List.of("ab1")));
        assertEquals("x-ab1 ab1_y ab12", Show.redact("x-ab1 ab1_y ab12", List.of("ab1")));
    }

    @Test
    void aLongSecretIsRedactedWhereverItOccurs() {
        assertEquals("token ***-suffix and prefix***", Show.redact("token a3f1c2d4-suffix and prefixa3f1c2d4", List.of("a3f1c2d4")));
    }

    @Test
    void urlEncodedAndJsonEscapedFormsAreRedacted() {
        List<String> secrets = List.of("p w/\"q");
        assertEquals("url ***, json {\"k\":\"***\"}", Show.redact("url p%20w%2F%22q, json {\"k\":\"p w/\\\"q\"}", secrets));
    }
}
