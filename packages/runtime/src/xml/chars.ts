/**
 * Character classes shared by the builtins, the writer and the compiled encoders (internal: not
 * exported from the package).
 */

/**
 * Characters that may make a string impossible to carry in XML: controls, surrogates (allowed
 * only as a pair) and U+FFFE/F. A string without one needs no closer look.
 */
export const MAYBE_NON_XML_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Characters that character data must escape: `&`, `<`, `>` (so `]]>` cannot appear) and CR. */
export const TEXT_SPECIALS = /[&<>\r]/;

/**
 * `MAYBE_NON_XML_CHAR` and `TEXT_SPECIALS` together, in one test: a string without any of them
 * can be written as character data as it is.
 */
export const NOT_PLAIN_TEXT = /[\0-\x08\x0B-\x1F\uD800-\uDFFF\uFFFE\uFFFF&<>]/;
