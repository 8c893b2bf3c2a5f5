package io.ecgrid.soap.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema-driven codec on small hand-built type descriptions, as a generated SDK declares them:
 * a complex type with an attribute, required, optional, repeated, optional-and-nillable elements
 * and a wildcard; an enumeration; a list, a union, a SOAP-encoded array; default and fixed values.
 */
class CodecTest {
    static final String NS = "urn:test";

    enum Color {
        RED("Red"), DARK_BLUE("Dark Blue");

        private final String value;

        Color(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }
    }

    static final SimpleType<Color> COLOR = SimpleType.enumeration("Color", Color.class, Builtins.TOKEN, Color::value);

    static final class Item {
        String lang;
        String name;
        Integer count;
        List<Color> colors = new ArrayList<>();
        Nillable<String> note;
    }

    /** A type ending in a wildcard: it takes any element no earlier particle takes. */
    static final class Bag {
        String head;
        List<XmlElement> extra = new ArrayList<>();
    }

    static final ComplexType<Bag> BAG = ComplexType.of("Bag", Bag.class, Bag::new, List.of(
            Particle.<Bag, String>element("Head", NS, 1, 1, false, () -> Builtins.STRING, b -> b.head, (b, v) -> b.head = v),
            Particle.<Bag>any("any", "", 0, -1, false, () -> Builtins.ANY_TYPE, b -> b.extra, (b, v) -> b.extra = v)));
    static final Root<Bag> BAG_ELEMENT = Root.element("{" + NS + "}Bag", NS, "Bag", false, () -> BAG);

    static final ComplexType<Item> ITEM = ComplexType.of("Item", Item.class, Item::new, List.of(
            Particle.<Item, String>attribute("lang", "", 0, 1, false, () -> Builtins.LANGUAGE_TYPE, i -> i.lang, (i, v) -> i.lang = v),
            Particle.<Item, String>element("Name", NS, 1, 1, false, () -> Builtins.STRING, i -> i.name, (i, v) -> i.name = v),
            Particle.<Item, Integer>element("Count", NS, 0, 1, false, () -> Builtins.INT, i -> i.count, (i, v) -> i.count = v),
            Particle.<Item, Color>list("Color", NS, 0, 3, true, () -> COLOR, i -> i.colors, (i, v) -> i.colors = v),
            Particle.<Item, String>nillable("Note", NS, 0, 1, true, () -> Builtins.STRING, i -> i.note, (i, v) -> i.note = v)));

    static final Root<Item> ITEM_ELEMENT = Root.element("{" + NS + "}Item", NS, "Item", false, () -> ITEM);
    static final Root<Item> ITEM_TYPE = Root.type("{" + NS + "}Item", NS, "Item", () -> ITEM);

    static final class Settings {
        String mode;
        XsdDecimal version;
    }

    static final ComplexType<Settings> SETTINGS = ComplexType.all("Settings", Settings.class, Settings::new, List.of(
            Particle.<Settings, String>element("Mode", "", 0, 1, false, () -> Builtins.STRING, s -> s.mode, (s, v) -> s.mode = v)
                    .withDefault("auto"),
            Particle.<Settings, XsdDecimal>element("Version", "", 0, 1, false, () -> Builtins.DECIMAL, s -> s.version,
                    (s, v) -> s.version = v).withFixed("1.0")));
    static final Root<Settings> SETTINGS_ELEMENT = Root.element("Settings", "", "Settings", true, () -> SETTINGS);

    static final class Numbers extends ArrayList<Integer> {
        private static final long serialVersionUID = 1L;
    }

    static final SoapArrayType<Numbers, Integer> NUMBERS = new SoapArrayType<>("ArrayOfInt", Numbers.class, Numbers::new,
            "{http://www.w3.org/2001/XMLSchema}int", () -> Builtins.INT);

    private static Item sample() {
        Item item = new Item();
        item.lang = "en";
        item.name = "a & <b>";
        item.count = 3;
        item.colors = new ArrayList<>(List.of(Color.DARK_BLUE));
        item.colors.add(null);
        item.note = Nillable.nil();
        return item;
    }

    @Test
    void encodesCompactQualifiedXmlInSchemaOrder() {
        assertEquals("<Item xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"urn:test\" lang=\"en\">"
                + "<Name>a &amp; &lt;b&gt;</Name><Count>3</Count><Color>Dark Blue</Color><Color xsi:nil=\"true\"/>"
                + "<Note xsi:nil=\"true\"/></Item>", ITEM_ELEMENT.encode(sample()));
    }

    @Test
    void encodesUnqualifiedAndIndented() {
        Item item = new Item();
        item.name = "n";
        assertEquals("<Item>\n  <Name>n</Name>\n</Item>", ITEM_ELEMENT.encode(item, EncodeOptions.DEFAULT.withQualified(false).withIndent("  ")));
    }

    @Test
    void decodesWhatItEncodes() {
        Item back = ITEM_ELEMENT.decode(ITEM_ELEMENT.encode(sample()));
        assertEquals("en", back.lang);
        assertEquals("a & <b>", back.name);
        assertEquals(3, back.count);
        assertEquals(List.of(Color.DARK_BLUE), back.colors.subList(0, 1));
        assertNull(back.colors.get(1));
        assertTrue(back.note.isNil());
    }

    @Test
    void wildcardContentIsKeptAndWrittenBackUnchanged() {
        String xml = "<Bag xmlns=\"urn:test\"><Head>h</Head><x:Kept xmlns:x=\"urn:x\" a=\"1\">text<!--c--></x:Kept><Other/></Bag>";
        Bag bag = BAG_ELEMENT.decode(xml);
        assertEquals(2, bag.extra.size());
        assertEquals("urn:x", bag.extra.get(0).namespace());
        assertEquals(xml, BAG_ELEMENT.encode(bag));
        DecodeException early = assertThrows(DecodeException.class,
                () -> BAG_ELEMENT.decode("<Bag xmlns=\"urn:test\"><Other/><Head>h</Head></Bag>"));
        assertEquals("missing-element", early.code());
        assertEquals("Bag.Head", early.path());
    }

    @Test
    void keepsAbsentApartFromNil() {
        Item absent = ITEM_ELEMENT.decode("<Item xmlns=\"urn:test\"><Name>n</Name></Item>");
        assertNull(absent.note);
        assertNull(absent.count);
        assertEquals(List.of(), absent.colors);
        Item value = ITEM_ELEMENT.decode("<Item xmlns=\"urn:test\"><Name>n</Name><Note>hi</Note></Item>");
        assertEquals(Nillable.of("hi"), value.note);
    }

    private static DecodeException decodeError(String xml) {
        return assertThrows(DecodeException.class, () -> ITEM_ELEMENT.decode(xml));
    }

    @Test
    void decodingIsStrictAndNamesThePath() {
        DecodeException missing = decodeError("<Item xmlns=\"urn:test\"><Count>1</Count></Item>");
        assertEquals("missing-element", missing.code());
        assertEquals("Item.Name", missing.path());
        DecodeException order = decodeError("<Item xmlns=\"urn:test\"><Name>n</Name><Count>1</Count><Name>m</Name></Item>");
        assertEquals("unexpected-element", order.code());
        DecodeException enumValue = decodeError("<Item xmlns=\"urn:test\"><Name>n</Name><Color>Red</Color><Color>Green</Color></Item>");
        assertEquals("unknown-enum-value", enumValue.code());
        assertEquals("Item.Color[1]", enumValue.path());
        DecodeException tooMany = decodeError("<Item xmlns=\"urn:test\"><Name>n</Name>" + "<Color>Red</Color>".repeat(4) + "</Item>");
        assertEquals("too-many-elements", tooMany.code());
        DecodeException namespace = decodeError("<Item xmlns=\"urn:other\"><Name>n</Name></Item>");
        assertEquals("wrong-namespace", namespace.code());
        DecodeException text = decodeError("<Item xmlns=\"urn:test\">stray<Name>n</Name></Item>");
        assertEquals("unexpected-text", text.code());
        DecodeException range = decodeError("<Item xmlns=\"urn:test\"><Name>n</Name><Count>2147483648</Count></Item>");
        assertEquals("out-of-range", range.code());
        assertEquals("Item.Count", range.path());
        assertTrue(range.line() > 0);
        DecodeException attribute = decodeError("<Item xmlns=\"urn:test\" lang=\"not a tag\"><Name>n</Name></Item>");
        assertEquals("Item.lang", attribute.path());
        DecodeException nil = decodeError("<Item xmlns=\"urn:test\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>");
        assertEquals("nil-not-allowed", nil.code());
    }

    @Test
    void ignoringNamespacesReadsTheUnqualifiedForm() {
        Item item = ITEM_ELEMENT.decode("<Item><Name>n</Name><Color>Red</Color></Item>", DecodeOptions.IGNORE_NAMESPACES);
        assertEquals(List.of(Color.RED), item.colors);
    }

    @Test
    void aTypeRootDecodesAnyElementName() {
        assertEquals("n", ITEM_TYPE.decode("<Whatever xmlns=\"urn:else\"><Name xmlns=\"urn:test\">n</Name></Whatever>").name);
    }

    @Test
    void encodingChecksRequiredElementsAndOccurrences() {
        EncodeException missing = assertThrows(EncodeException.class, () -> ITEM_ELEMENT.encode(new Item()));
        assertEquals("missing-element", missing.code());
        assertEquals("Item.Name", missing.path());
        Item many = new Item();
        many.name = "n";
        many.colors = List.of(Color.RED, Color.RED, Color.RED, Color.RED);
        assertEquals("too-many-elements", assertThrows(EncodeException.class, () -> ITEM_ELEMENT.encode(many)).code());
        EncodeException nil = assertThrows(EncodeException.class, () -> ITEM_ELEMENT.encode(null));
        assertEquals("nil-not-allowed", nil.code());
    }

    @Test
    void allGroupsTakeAnyOrderAndDefaultAndFixedValuesApply() {
        Settings s = SETTINGS_ELEMENT.decode("<Settings><Version>1.0</Version><Mode/></Settings>");
        assertEquals("auto", s.mode);
        assertEquals(XsdDecimal.parse("1.0"), s.version);
        assertEquals("<Settings><Mode>auto</Mode><Version>1.0</Version></Settings>", SETTINGS_ELEMENT.encode(s));
        // A fixed value is compared in the value space: 1.00 is the fixed 1.0, and keeps its digits.
        assertEquals("1.00", SETTINGS_ELEMENT.decode("<Settings><Version>1.00</Version></Settings>").version.toString());
        DecodeException fixed = assertThrows(DecodeException.class, () -> SETTINGS_ELEMENT.decode("<Settings><Version>2.0</Version></Settings>"));
        assertEquals("invalid-value", fixed.code());
        DecodeException twice = assertThrows(DecodeException.class, () -> SETTINGS_ELEMENT.decode("<Settings><Mode>a</Mode><Mode>b</Mode></Settings>"));
        assertEquals("too-many-elements", twice.code());
        assertNull(SETTINGS_ELEMENT.decode("<Settings xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"1\"/>"));
        assertEquals("<Settings xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>", SETTINGS_ELEMENT.encode(null));
    }

    @Test
    void listsAndUnionsOfSimpleTypes() {
        SimpleType<List<Integer>> list = SimpleType.list("IntList", Builtins.INT);
        assertEquals(List.of(1, 2, 3), list.parseValue("  1 2\n3 ", null));
        assertEquals("1 2 3", list.formatValue(List.of(1, 2, 3)));
        assertEquals("invalid-value", assertThrows(CodecFailure.class, () -> list.parseValue("1 x", null)).code);
        SimpleType<Object> union = SimpleType.union("IntOrColor", List.of(Builtins.INT, COLOR));
        assertEquals(7, union.parseValue("7", null));
        assertEquals(Color.DARK_BLUE, union.parseValue("Dark Blue", null));
        assertEquals("Red", union.formatValue(Color.RED));
        assertEquals("invalid-value", assertThrows(CodecFailure.class, () -> union.parseValue("Green", null)).code);
    }

    @Test
    void soapEncodedArraysCarryTheirArrayType() {
        Root<Numbers> root = Root.element("{urn:test}Numbers", NS, "Numbers", false, () -> NUMBERS);
        Numbers numbers = new Numbers();
        numbers.add(1);
        numbers.add(null);
        String xml = root.encode(numbers);
        assertEquals("<Numbers xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns=\"urn:test\" xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
                + "soapenc:arrayType=\"xsd:int[2]\"><item xmlns=\"\">1</item><item xmlns=\"\" xsi:nil=\"true\"/></Numbers>", xml);
        Numbers back = root.decode(xml);
        assertEquals(2, back.size());
        assertNull(back.get(1));
        DecodeException sparse = assertThrows(DecodeException.class, () -> root.decode("<Numbers xmlns=\"urn:test\" "
                + "xmlns:e=\"http://schemas.xmlsoap.org/soap/encoding/\"><item e:position=\"[3]\">1</item></Numbers>"));
        assertEquals("invalid-value", sparse.code());
    }
}
