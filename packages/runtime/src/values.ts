/**
 * Names for the lexical forms the codec keeps as strings. They are plain strings (so a value
 * read from XML goes back out exactly as it came, `2026-05-07T10:00:00` without a zone stays
 * without one); the aliases document what a field holds and which format it must follow.
 */

/** `xs:dateTime` lexical form, e.g. `2026-05-07T10:00:00` or `2026-05-07T10:00:00.5+02:00`. */
export type XsdDateTime = string;
/** `xs:date` lexical form, e.g. `2026-05-07` or `2026-05-07Z`. */
export type XsdDate = string;
/** `xs:time` lexical form, e.g. `10:00:00`. */
export type XsdTime = string;
/** `xs:duration` lexical form, e.g. `P1DT2H`. */
export type XsdDuration = string;
/** `xs:decimal` lexical form, exact: `-12.50` stays `-12.50`. */
export type XsdDecimal = string;
