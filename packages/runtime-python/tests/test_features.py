"""XML Schema features on small hand-built descriptors, each as the TypeScript runtime does it:
derived types and xsi:type (decoded into the derived class, written from the value's class),
abstract types, simpleContent, xs:list and xs:union, default and fixed values, choices and
nested sequences, xs:all, mixed content, substitution groups."""

from __future__ import annotations

import dataclasses
import enum

import pytest

from ecgrid_soap_runtime import Codec, DecodeError, EncodeError, Substitute, parse_xml
from factories import TNS, XS, complex_type, element, q, schema

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XSI = f'xmlns:xsi="{XSI_NS}"'


def decode_code(codec: Codec, element_id: str, xml: str) -> str:
    with pytest.raises(DecodeError) as caught:
        codec.decode_element(element_id, parse_xml(xml))
    return caught.value.code


def encode_code(codec: Codec, element_id: str, value: object) -> str:
    with pytest.raises(EncodeError) as caught:
        codec.encode_element(element_id, value)
    return caught.value.code


# -- derivation --------------------------------------------------------------------------------


@dataclasses.dataclass(kw_only=True)
class Party:
    Name: str


@dataclasses.dataclass(kw_only=True)
class Carrier(Party):
    SCAC: str


@dataclasses.dataclass(kw_only=True)
class Payment:
    Amount: str


@dataclasses.dataclass(kw_only=True)
class Card(Payment):
    Last4: str


@dataclasses.dataclass(kw_only=True)
class Holder:
    Party: list[Party] = dataclasses.field(default_factory=list)
    Payment: Payment | None = None


DERIVED = Codec(
    schema(
        {
            q("Party"): complex_type("Party", element("Name", f"{XS}string")),
            q("Carrier"): complex_type("Carrier", element("Name", f"{XS}string"), element("SCAC", f"{XS}string"), base=q("Party")),
            q("Payment"): complex_type("Payment", element("Amount", f"{XS}decimal"), abstract=True),
            q("Card"): complex_type("Card", element("Amount", f"{XS}decimal"), element("Last4", f"{XS}string"), base=q("Payment")),
            q("Holder"): complex_type("Holder", element("Party", q("Party"), min=0, max=-1), element("Payment", q("Payment"), min=0)),
        },
        {q("Holder"): ("Holder", q("Holder"))},
    ),
    {q("Party"): Party, q("Carrier"): Carrier, q("Payment"): Payment, q("Card"): Card, q("Holder"): Holder},
    {},
)


class TestDerivation:
    xml = (
        f'<Holder xmlns="{TNS}" {XSI}><Party><Name>A</Name></Party>'
        '<Party xmlns:t="urn:test" xsi:type="t:Carrier"><Name>B</Name><SCAC>ABCD</SCAC></Party>'
        '<Payment xmlns:t="urn:test" xsi:type="t:Card"><Amount>1.50</Amount><Last4>4242</Last4></Payment></Holder>'
    )

    def test_xsi_type_decodes_into_the_derived_class_and_the_class_writes_it_back(self) -> None:
        value = DERIVED.decode_element(q("Holder"), parse_xml(self.xml))
        assert value == Holder(Party=[Party(Name="A"), Carrier(Name="B", SCAC="ABCD")], Payment=Card(Amount="1.50", Last4="4242"))
        assert type(value.Party[1]) is Carrier
        # xsi is declared on the fragment's root, first; t on each element that names a type.
        assert DERIVED.encode_element(q("Holder"), value) == self.xml.replace(f'xmlns="{TNS}" {XSI}', f'{XSI} xmlns="{TNS}"')

    def test_a_mapping_names_its_derived_type_with_dollar_type(self) -> None:
        text = DERIVED.encode_element(q("Holder"), {"Party": [{"$type": q("Carrier"), "Name": "B", "SCAC": "X"}]})
        assert text == f'<Holder {XSI} xmlns="{TNS}"><Party xmlns:t="urn:test" xsi:type="t:Carrier"><Name>B</Name><SCAC>X</SCAC></Party></Holder>'

    def test_unknown_and_unrelated_types_are_refused(self) -> None:
        unknown = f'<Holder xmlns="{TNS}" {XSI}><Party xmlns:t="urn:test" xsi:type="t:Nope"><Name>B</Name></Party></Holder>'
        assert decode_code(DERIVED, q("Holder"), unknown) == "invalid-type"
        unrelated = f'<Holder xmlns="{TNS}" {XSI}><Party xmlns:t="urn:test" xsi:type="t:Card"><Name>B</Name></Party></Holder>'
        assert decode_code(DERIVED, q("Holder"), unrelated) == "invalid-type"
        undeclared = f'<Holder xmlns="{TNS}" {XSI}><Party xsi:type="u:Carrier"><Name>B</Name></Party></Holder>'
        assert decode_code(DERIVED, q("Holder"), undeclared) == "invalid-value"
        assert encode_code(DERIVED, q("Holder"), Holder(Party=[Card(Amount="1", Last4="1")])) == "invalid-type"  # type: ignore[list-item]

    def test_an_abstract_type_needs_a_concrete_derived_type(self) -> None:
        xml = f'<Holder xmlns="{TNS}"><Payment><Amount>1</Amount></Payment></Holder>'
        assert decode_code(DERIVED, q("Holder"), xml) == "invalid-type"
        assert encode_code(DERIVED, q("Holder"), Holder(Payment=Payment(Amount="1"))) == "invalid-type"


# -- simpleContent, default and fixed ------------------------------------------------------------


@dataclasses.dataclass(kw_only=True)
class Amount:
    xml_value: str
    currency: str | None = None


@dataclasses.dataclass(kw_only=True)
class Settings:
    Total: Amount | None = None
    Count: int | None = None
    Version: str | None = None
    mode: str | None = None


VALUES = Codec(
    schema(
        {
            q("Amount"): {
                "kind": "complex",
                "name": "Amount",
                "content": [],
                "text": f"{XS}decimal",
                "attributes": [{"name": "currency", "ns": "", "type": f"{XS}string", "required": False}],
            },
            q("Settings"): complex_type(
                "Settings",
                element("Total", q("Amount"), min=0, fixed="1.0"),
                element("Count", f"{XS}int", min=0, default="5"),
                element("Version", f"{XS}string", min=0, fixed="2"),
                attributes=[{"name": "mode", "ns": "", "type": f"{XS}string", "required": False, "fixed": "strict"}],
            ),
        },
        {q("Settings"): ("Settings", q("Settings"))},
    ),
    {q("Amount"): Amount, q("Settings"): Settings},
    {q("Amount"): {"$value": "xml_value"}},
)


class TestValues:
    def test_simple_content_is_a_value_with_attributes(self) -> None:
        xml = f'<Settings xmlns="{TNS}"><Total currency="EUR">1.00</Total></Settings>'
        value = VALUES.decode_element(q("Settings"), parse_xml(xml))
        assert value == Settings(Total=Amount(xml_value="1.00", currency="EUR"))
        assert VALUES.encode_element(q("Settings"), value) == xml

    def test_an_empty_element_takes_its_default_or_fixed_value_and_is_written_with_it(self) -> None:
        xml = f'<Settings xmlns="{TNS}"><Total/><Count/><Version/></Settings>'
        value = VALUES.decode_element(q("Settings"), parse_xml(xml))
        assert value == Settings(Total=Amount(xml_value="1.0"), Count=5, Version="2")
        expected = f'<Settings xmlns="{TNS}"><Total>1.0</Total><Count>5</Count><Version>2</Version></Settings>'
        assert VALUES.encode_element(q("Settings"), value) == expected
        # Absent stays absent.
        assert VALUES.decode_element(q("Settings"), parse_xml(f'<Settings xmlns="{TNS}"/>')) == Settings()

    def test_fixed_values_are_compared_as_values(self) -> None:
        assert VALUES.decode_element(q("Settings"), parse_xml(f'<Settings xmlns="{TNS}"><Total>1.000</Total></Settings>')).Total.xml_value == "1.000"
        assert decode_code(VALUES, q("Settings"), f'<Settings xmlns="{TNS}"><Total>2</Total></Settings>') == "invalid-value"
        assert decode_code(VALUES, q("Settings"), f'<Settings xmlns="{TNS}"><Version>3</Version></Settings>') == "invalid-value"
        assert decode_code(VALUES, q("Settings"), f'<Settings xmlns="{TNS}" mode="lax"/>') == "invalid-value"
        assert encode_code(VALUES, q("Settings"), Settings(Version="3")) == "invalid-value"
        assert encode_code(VALUES, q("Settings"), Settings(mode="lax")) == "invalid-value"
        assert encode_code(VALUES, q("Settings"), Settings(Total=Amount(xml_value="1.5"))) == "invalid-value"


# -- xs:list and xs:union ----------------------------------------------------------------------


class Day(str, enum.Enum):
    Mon = "Mon"
    Tue = "Tue"


class Keyword(str, enum.Enum):
    unlimited = "unlimited"


@dataclasses.dataclass(kw_only=True)
class Plan:
    Days: list[Day]
    Hours: list[int]
    Max: int | Keyword


LISTS = Codec(
    schema(
        {
            q("Day"): {"kind": "enum", "name": "Day", "base": f"{XS}string", "values": ["Mon", "Tue"]},
            q("Days"): {"kind": "list", "name": "Days", "item": q("Day")},
            q("Hours"): {"kind": "list", "name": "Hours", "item": f"{XS}int"},
            q("Keyword"): {"kind": "enum", "name": "Keyword", "base": f"{XS}string", "values": ["unlimited"]},
            q("Max"): {"kind": "union", "name": "Max", "members": [f"{XS}int", q("Keyword")]},
            q("Plan"): complex_type("Plan", element("Days", q("Days")), element("Hours", q("Hours")), element("Max", q("Max"))),
        },
        {q("Plan"): ("Plan", q("Plan"))},
    ),
    {q("Day"): Day, q("Keyword"): Keyword, q("Plan"): Plan},
    {},
)


class TestListsAndUnions:
    def test_lists_are_lists_and_unions_the_first_member_that_takes_the_text(self) -> None:
        xml = f'<Plan xmlns="{TNS}"><Days> Mon\n Tue </Days><Hours/><Max>unlimited</Max></Plan>'
        value = LISTS.decode_element(q("Plan"), parse_xml(xml))
        assert value == Plan(Days=[Day.Mon, Day.Tue], Hours=[], Max=Keyword.unlimited)
        assert LISTS.encode_element(q("Plan"), value) == f'<Plan xmlns="{TNS}"><Days>Mon Tue</Days><Hours/><Max>unlimited</Max></Plan>'
        assert LISTS.decode_element(q("Plan"), parse_xml(f'<Plan xmlns="{TNS}"><Days/><Hours>1 2</Hours><Max>7</Max></Plan>')).Max == 7

    def test_bad_items_and_members_are_refused_with_their_path(self) -> None:
        with pytest.raises(DecodeError) as caught:
            LISTS.decode_element(q("Plan"), parse_xml(f'<Plan xmlns="{TNS}"><Days>Mon Sun</Days><Hours/><Max>1</Max></Plan>'))
        assert (caught.value.code, caught.value.path) == ("unknown-enum-value", "Plan.Days[1]")
        assert decode_code(LISTS, q("Plan"), f'<Plan xmlns="{TNS}"><Days/><Hours/><Max>many</Max></Plan>') == "invalid-value"
        assert encode_code(LISTS, q("Plan"), Plan(Days=[], Hours=[], Max="many")) == "invalid-value"  # type: ignore[arg-type]
        assert encode_code(LISTS, q("Plan"), {"Days": "Mon", "Hours": [], "Max": 1}) == "invalid-type"


# -- choice, nested sequences, xs:all, mixed content ---------------------------------------------


@dataclasses.dataclass(kw_only=True)
class PartText:
    Text: str


@dataclasses.dataclass(kw_only=True)
class PartLink:
    Link: str


@dataclasses.dataclass(kw_only=True)
class Message:
    ApiKey: str | None = None
    User: str | None = None
    Password: str | None = None
    Parts: list[PartText | PartLink] = dataclasses.field(default_factory=list)


GROUPS = Codec(
    schema(
        {
            q("Message"): complex_type(
                "Message",
                {
                    "kind": "choice", "name": "Login", "min": 1, "max": 1,
                    "options": [
                        element("ApiKey", f"{XS}string"),
                        {"kind": "sequence", "name": "UserAndPassword", "min": 1, "max": 1,
                         "content": [element("User", f"{XS}string"), element("Password", f"{XS}string")]},
                    ],
                },
                {"kind": "choice", "name": "Parts", "min": 0, "max": -1, "options": [element("Text", f"{XS}string"), element("Link", f"{XS}anyURI")]},
            ),
            q("Contact"): complex_type("Contact", element("Name", f"{XS}string"), element("Phone", f"{XS}string", min=0), all=True),
            q("Note"): complex_type("Note", element("B", f"{XS}string", min=0, max=-1), mixed=True),
        },
        {q("Message"): ("Message", q("Message")), q("Contact"): ("Contact", q("Contact")), q("Note"): ("Note", q("Note"))},
    ),
    {q("Message"): Message},
    {},
    {q("Message"): {"Parts": (PartText, PartLink)}},
)


class TestGroups:
    def test_a_choice_that_occurs_once_is_fields_and_a_repeated_one_a_list_of_option_classes(self) -> None:
        xml = f'<Message xmlns="{TNS}"><User>u</User><Password>p</Password><Link>urn:x</Link><Text>t</Text></Message>'
        value = GROUPS.decode_element(q("Message"), parse_xml(xml))
        assert value == Message(User="u", Password="p", Parts=[PartLink(Link="urn:x"), PartText(Text="t")])
        assert GROUPS.encode_element(q("Message"), value) == xml
        assert GROUPS.encode_element(q("Message"), {"ApiKey": "k", "Parts": [{"Text": "a"}]}) == f'<Message xmlns="{TNS}"><ApiKey>k</ApiKey><Text>a</Text></Message>'

    def test_one_option_exactly(self) -> None:
        assert decode_code(GROUPS, q("Message"), f'<Message xmlns="{TNS}"><Text>t</Text></Message>') == "missing-element"
        assert decode_code(GROUPS, q("Message"), f'<Message xmlns="{TNS}"><ApiKey>k</ApiKey><User>u</User></Message>') == "unexpected-element"
        assert encode_code(GROUPS, q("Message"), Message()) == "missing-element"
        assert encode_code(GROUPS, q("Message"), Message(ApiKey="k", User="u", Password="p")) == "unexpected-element"
        assert encode_code(GROUPS, q("Message"), Message(ApiKey="k", Parts=["t"])) == "invalid-type"  # type: ignore[list-item]

    def test_all_takes_any_order_and_writes_schema_order(self) -> None:
        value = GROUPS.decode_element(q("Contact"), parse_xml(f'<Contact xmlns="{TNS}"><Phone>1</Phone><Name>n</Name></Contact>'))
        assert value == {"Name": "n", "Phone": "1"}
        assert GROUPS.encode_element(q("Contact"), value) == f'<Contact xmlns="{TNS}"><Name>n</Name><Phone>1</Phone></Contact>'
        assert decode_code(GROUPS, q("Contact"), f'<Contact xmlns="{TNS}"><Name>n</Name><Name>m</Name></Contact>') == "too-many-elements"
        assert decode_code(GROUPS, q("Contact"), f'<Contact xmlns="{TNS}"><Phone>1</Phone></Contact>') == "missing-element"

    def test_mixed_content_keeps_the_text_around_the_elements(self) -> None:
        xml = f'<Note xmlns="{TNS}">Hello <B>you</B> &amp; <B>me</B>!</Note>'
        value = GROUPS.decode_element(q("Note"), parse_xml(xml))
        assert value == {"$text": ["Hello ", " & ", "!"], "B": ["you", "me"]}
        assert GROUPS.encode_element(q("Note"), value) == xml
        assert encode_code(GROUPS, q("Note"), {"$text": ["only one"], "B": ["x"]}) == "invalid-value"


# -- substitution groups -----------------------------------------------------------------------


@dataclasses.dataclass(kw_only=True)
class Base:
    Event: str


@dataclasses.dataclass(kw_only=True)
class Email(Base):
    Address: str


@dataclasses.dataclass(kw_only=True)
class Subscribe:
    Notification: list[Substitute[Base]] = dataclasses.field(default_factory=list)


def _substitution_schema() -> dict[str, object]:
    s = schema(
        {
            q("Base"): complex_type("Base", element("Event", f"{XS}string")),
            q("Email"): complex_type("Email", element("Event", f"{XS}string"), element("Address", f"{XS}string"), base=q("Base")),
            q("Subscribe"): complex_type("Subscribe", element("Notification", q("Base"), min=0, max=-1, substitutes=[q("EmailNotification")])),
        },
        {q("Notification"): ("Notification", q("Base")), q("EmailNotification"): ("EmailNotification", q("Email")), q("Subscribe"): ("Subscribe", q("Subscribe"))},
    )
    elements = s["elements"]
    elements[q("Notification")]["abstract"] = True
    elements[q("EmailNotification")]["substitutionGroup"] = q("Notification")
    return s


SUBSTITUTION = Codec(_substitution_schema(), {q("Base"): Base, q("Email"): Email, q("Subscribe"): Subscribe}, {})


class TestSubstitutionGroups:
    def test_a_member_stands_for_its_head_as_a_substitute(self) -> None:
        xml = f'<Subscribe xmlns="{TNS}"><EmailNotification><Event>e</Event><Address>a@b</Address></EmailNotification></Subscribe>'
        value = SUBSTITUTION.decode_element(q("Subscribe"), parse_xml(xml))
        assert value == Subscribe(Notification=[Substitute(q("EmailNotification"), Email(Event="e", Address="a@b"))])
        assert SUBSTITUTION.encode_element(q("Subscribe"), value) == xml

    def test_an_abstract_head_needs_a_member(self) -> None:
        assert decode_code(SUBSTITUTION, q("Subscribe"), f'<Subscribe xmlns="{TNS}"><Notification><Event>e</Event></Notification></Subscribe>') == "unexpected-element"
        assert encode_code(SUBSTITUTION, q("Subscribe"), {"Notification": [Base(Event="e")]}) == "invalid-type"
        assert encode_code(SUBSTITUTION, q("Subscribe"), {"Notification": [Substitute(q("Nope"), Base(Event="e"))]}) == "invalid-value"


# -- xs:anyAttribute, an element declared twice --------------------------------------------------


KEPT = Codec(
    schema(
        {
            q("Tag"): complex_type(
                "Tag",
                element("Note", f"{XS}string", min=0),
                element("Code", f"{XS}int"),
                element("Note", f"{XS}string", min=0),
                attributes=[{"name": "id", "ns": "", "type": f"{XS}string", "required": True}],
                anyAttribute=True,
            ),
        },
        {q("Tag"): ("Tag", q("Tag"))},
    ),
    {},
    {q("Tag"): {"$attributes": "xml_attributes"}},
)


class TestKeptAttributesAndTwins:
    def test_undeclared_attributes_are_kept_by_clark_name_and_written_back(self) -> None:
        xml = f'<Tag xmlns="{TNS}" xmlns:p="urn:p" id="1" p:color="red" size="2"><Code>1</Code></Tag>'
        value = KEPT.decode_element(q("Tag"), parse_xml(xml))
        assert value["xml_attributes"] == {"{urn:p}color": "red", "size": "2"}
        assert KEPT.encode_element(q("Tag"), value) == f'<Tag xmlns="{TNS}" xmlns:t="urn:p" id="1" t:color="red" size="2"><Code>1</Code></Tag>'
        assert KEPT.decode_element(q("Tag"), parse_xml(f'<Tag xmlns="{TNS}" id="1"><Code>1</Code></Tag>'))["xml_attributes"] is None

    def test_names_that_cannot_be_kept_attributes_are_refused(self) -> None:
        for name in ("id", f"{{{XSI_NS}}}type", "xmlns", "a b", "{}x"):
            assert encode_code(KEPT, q("Tag"), {"id": "1", "Code": 1, "xml_attributes": {name: "v"}}) == "invalid-value", name
        assert encode_code(KEPT, q("Tag"), {"id": "1", "Code": 1, "xml_attributes": {"a": 1}}) == "invalid-type"

    def test_an_element_declared_twice_is_one_field_written_at_the_first_place(self) -> None:
        after = KEPT.decode_element(q("Tag"), parse_xml(f'<Tag xmlns="{TNS}" id="1"><Code>0</Code><Note>n</Note></Tag>'))
        assert after["Note"] == "n"
        assert KEPT.encode_element(q("Tag"), after) == f'<Tag xmlns="{TNS}" id="1"><Note>n</Note><Code>0</Code></Tag>'
        before = KEPT.decode_element(q("Tag"), parse_xml(f'<Tag xmlns="{TNS}" id="1"><Note>m</Note><Code>0</Code></Tag>'))
        assert before["Note"] == "m"


# -- enumerations of numbers -------------------------------------------------------------------


class Level(str, enum.Enum):
    one = "1"
    two = "2"


LEVELS = Codec(
    schema(
        {
            q("Level"): {"kind": "enum", "name": "Level", "base": f"{XS}integer", "values": ["1", "2"]},
            q("Box"): complex_type("Box", element("Level", q("Level"))),
        },
        {q("Box"): ("Box", q("Box"))},
    ),
    {q("Level"): Level},
    {},
)


def test_an_enumeration_of_integers_decodes_to_its_members_and_takes_them_or_their_strings() -> None:
    xml = f'<Box xmlns="{TNS}"><Level>2</Level></Box>'
    assert LEVELS.decode_element(q("Box"), parse_xml(xml)) == {"Level": Level.two}
    assert LEVELS.encode_element(q("Box"), {"Level": Level.two}) == xml
    assert LEVELS.encode_element(q("Box"), {"Level": "2"}) == xml
    assert LEVELS.encode_element(q("Box"), {"Level": 2}) == xml
    assert encode_code(LEVELS, q("Box"), {"Level": "3"}) == "invalid-type"
    assert encode_code(LEVELS, q("Box"), {"Level": 3}) == "unknown-enum-value"


@dataclasses.dataclass(kw_only=True)
class LoginKey:
    ApiKey: str


@dataclasses.dataclass(kw_only=True)
class LoginUser:
    User: str
    Password: str


@dataclasses.dataclass(kw_only=True)
class Session:
    Login: LoginKey | LoginUser


SESSION = Codec(
    schema(
        {
            q("Session"): complex_type(
                "Session",
                {
                    "kind": "choice", "name": "Login", "min": 1, "max": 1,
                    "options": [
                        element("ApiKey", f"{XS}string"),
                        {"kind": "sequence", "name": "UserAndPassword", "min": 1, "max": 1,
                         "content": [element("User", f"{XS}string"), element("Password", f"{XS}string")]},
                    ],
                },
            ),
        },
        {q("Session"): ("Session", q("Session"))},
    ),
    {q("Session"): Session},
    {},
    {q("Session"): {"Login": (LoginKey, LoginUser)}},
)


def test_a_choice_that_occurs_once_with_option_classes_is_one_field_holding_the_option_taken() -> None:
    xml = f'<Session xmlns="{TNS}"><User>u</User><Password>p</Password></Session>'
    value = SESSION.decode_element(q("Session"), parse_xml(xml))
    assert value == Session(Login=LoginUser(User="u", Password="p"))
    assert SESSION.encode_element(q("Session"), value) == xml
    assert SESSION.encode_element(q("Session"), Session(Login=LoginKey(ApiKey="k"))) == f'<Session xmlns="{TNS}"><ApiKey>k</ApiKey></Session>'
    assert decode_code(SESSION, q("Session"), f'<Session xmlns="{TNS}"/>') == "missing-element"
    assert decode_code(SESSION, q("Session"), f'<Session xmlns="{TNS}"><User>u</User></Session>') == "missing-element"
    assert encode_code(SESSION, q("Session"), Session(Login=None)) == "missing-element"  # type: ignore[arg-type]
    assert encode_code(SESSION, q("Session"), Session(Login=LoginUser(User="u", Password=None))) == "missing-element"  # type: ignore[arg-type]
