// Calls operations through a JAX-WS client that wsimport generated, by reflection over its port,
// and prints what the client read back, so a test can compare it with what the server answered.
//
// Usage: java -cp CLASSES:JAX-WS-JARS OperationCalls WSDL_URL SERVICE_CLASS < calls.json
//
// calls.json: [{"operation": NAME, "args": {PART: VALUE, ...}}, ...], one object per call, args by
// the XML names of the request wrapper's children (the @WebParam names). Numbers are read exactly
// (xs:long beyond 2^53 included), dateTimes and enumerations are given in their lexical form,
// binaries in base64. Prints one JSON array: {"operation", "result"} or {"operation", "error"}.
//
// Values are written by their XML names: a JAXB bean as an object of its elements (in schema order),
// a list as an array (a nil item as null), an enumeration by its value(), xs:long and other
// integers wider than 32 bits and decimals as strings of digits (JSON numbers would lose digits in
// JavaScript), XMLGregorianCalendar in its own toXMLFormat(), byte[] in base64, a JAXBElement as
// its value (null when nil), a DOM element as {"$element": "{ns}local", "$text": text}; a wildcard
// (@XmlAnyElement) field as "$any", where an element that JAXB bound is {"$element", "$value"}.
// "$class" names the Java class of each bean (and of a bound wildcard element).
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.xml.bind.JAXBElement;
import javax.xml.bind.annotation.XmlAnyElement;
import javax.xml.bind.annotation.XmlAttribute;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlElementRef;
import javax.xml.bind.annotation.XmlTransient;
import javax.xml.bind.annotation.XmlValue;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.Duration;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import javax.xml.ws.WebEndpoint;
import org.w3c.dom.Element;

public class OperationCalls {
  public static void main(String[] args) throws Exception {
    Class<?> serviceClass = Class.forName(args[1]);
    Object service = serviceClass.getConstructor(URL.class).newInstance(new URL(args[0]));
    Method getPort = null;
    for (Method m : serviceClass.getMethods()) {
      if (m.isAnnotationPresent(WebEndpoint.class) && m.getParameterCount() == 0) {
        if (getPort != null) throw new IllegalStateException("more than one port in " + serviceClass.getName());
        getPort = m;
      }
    }
    if (getPort == null) throw new IllegalStateException("no port in " + serviceClass.getName());
    Object port = getPort.invoke(service);
    Map<String, Method> operations = new LinkedHashMap<>();
    for (Method m : getPort.getReturnType().getMethods()) {
      WebMethod wm = m.getAnnotation(WebMethod.class);
      if (wm != null) operations.put(wm.operationName().isEmpty() ? m.getName() : wm.operationName(), m);
    }

    Object calls = new JsonReader(new String(System.in.readAllBytes(), StandardCharsets.UTF_8)).read();
    StringBuilder out = new StringBuilder("[");
    for (Object item : (List<?>) calls) {
      Map<?, ?> call = (Map<?, ?>) item;
      String name = (String) call.get("operation");
      if (out.length() > 1) out.append(',');
      out.append("{\"operation\":");
      writeString(out, name);
      try {
        Method m = operations.get(name);
        if (m == null) throw new IllegalArgumentException("the port has no operation " + name);
        Object result = m.invoke(port, arguments(m, (Map<?, ?>) call.get("args")));
        StringBuilder json = new StringBuilder();
        write(json, result);
        out.append(",\"result\":").append(json);
      } catch (Exception e) {
        Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
        out.append(",\"error\":");
        writeString(out, cause.getClass().getName() + ": " + cause.getMessage());
      }
      out.append('}');
    }
    out.append(']');
    System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
    System.out.flush();
  }

  /** The Java arguments of a wrapper-style port method, by the @WebParam names. */
  static Object[] arguments(Method m, Map<?, ?> args) throws Exception {
    Type[] types = m.getGenericParameterTypes();
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      WebParam wp = null;
      for (java.lang.annotation.Annotation a : m.getParameterAnnotations()[i]) if (a instanceof WebParam) wp = (WebParam) a;
      if (wp == null) throw new IllegalArgumentException(m.getName() + ": parameter " + i + " has no @WebParam");
      if (wp.mode() != WebParam.Mode.IN) throw new IllegalArgumentException(m.getName() + ": Holder parameters are not supported");
      values[i] = toJava(args == null ? null : args.get(wp.name()), types[i]);
    }
    return values;
  }

  static Object toJava(Object v, Type type) throws Exception {
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      if (p.getRawType() == List.class) {
        List<Object> list = new ArrayList<>();
        if (v != null) for (Object x : (List<?>) v) list.add(toJava(x, p.getActualTypeArguments()[0]));
        return list;
      }
      throw new IllegalArgumentException("unsupported parameter type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (v == null) {
      if (c.isPrimitive()) throw new IllegalArgumentException("no value for a required " + c);
      return null;
    }
    if (c == String.class) return (String) v;
    if (c == int.class || c == Integer.class) return ((BigDecimal) v).intValueExact();
    if (c == long.class || c == Long.class) return ((BigDecimal) v).longValueExact();
    if (c == short.class || c == Short.class) return ((BigDecimal) v).shortValueExact();
    if (c == byte.class || c == Byte.class) return ((BigDecimal) v).byteValueExact();
    if (c == double.class || c == Double.class) return v instanceof String ? Double.valueOf((String) v) : ((BigDecimal) v).doubleValue();
    if (c == float.class || c == Float.class) return v instanceof String ? Float.valueOf((String) v) : ((BigDecimal) v).floatValue();
    if (c == boolean.class || c == Boolean.class) return (Boolean) v;
    if (c == BigDecimal.class) return v instanceof String ? new BigDecimal((String) v) : (BigDecimal) v;
    if (c == BigInteger.class) return v instanceof String ? new BigInteger((String) v) : ((BigDecimal) v).toBigIntegerExact();
    if (c == byte[].class) return Base64.getDecoder().decode((String) v);
    if (c == XMLGregorianCalendar.class) return DatatypeFactory.newInstance().newXMLGregorianCalendar((String) v);
    if (c == Duration.class) return DatatypeFactory.newInstance().newDuration((String) v);
    if (c.isEnum()) return c.getMethod("fromValue", String.class).invoke(null, v);
    // A JAXB bean: its fields by their XML names.
    Object bean = c.getConstructor().newInstance();
    Map<?, ?> fields = (Map<?, ?>) v;
    for (Field f : beanFields(c)) {
      String name = xmlName(f);
      if (!fields.containsKey(name)) continue;
      if (f.getType() == JAXBElement.class) throw new IllegalArgumentException("unsupported JAXBElement field " + c.getName() + "." + f.getName());
      f.setAccessible(true);
      f.set(bean, toJava(fields.get(name), f.getGenericType()));
    }
    return bean;
  }

  /** The fields of a JAXB bean, its base classes' first, in declaration (= schema) order. */
  static List<Field> beanFields(Class<?> c) {
    List<Field> fields = c.getSuperclass() == null || c.getSuperclass() == Object.class ? new ArrayList<>() : beanFields(c.getSuperclass());
    for (Field f : c.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || f.isAnnotationPresent(XmlTransient.class)) continue;
      fields.add(f);
    }
    return fields;
  }

  /** The XML name a JAXB field stands for. */
  static String xmlName(Field f) {
    XmlElement e = f.getAnnotation(XmlElement.class);
    if (e != null && !e.name().equals("##default")) return e.name();
    XmlAttribute a = f.getAnnotation(XmlAttribute.class);
    if (a != null) return "@" + (a.name().equals("##default") ? f.getName() : a.name());
    XmlElementRef r = f.getAnnotation(XmlElementRef.class);
    if (r != null && !r.name().equals("##default")) return r.name();
    if (f.isAnnotationPresent(XmlValue.class)) return "$value";
    if (f.isAnnotationPresent(XmlAnyElement.class)) return "$any";
    return f.getName();
  }

  static void write(StringBuilder out, Object v) throws Exception {
    if (v == null) out.append("null");
    else if (v instanceof String) writeString(out, (String) v);
    else if (v instanceof Boolean) out.append(v);
    else if (v instanceof Integer || v instanceof Short || v instanceof Byte) out.append(v);
    else if (v instanceof Long || v instanceof BigInteger) writeString(out, v.toString());
    else if (v instanceof BigDecimal) writeString(out, ((BigDecimal) v).toPlainString());
    else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) out.append(v);
      else writeString(out, v.toString());
    }
    else if (v instanceof XMLGregorianCalendar) writeString(out, ((XMLGregorianCalendar) v).toXMLFormat());
    else if (v instanceof Duration || v instanceof QName) writeString(out, v.toString());
    else if (v instanceof byte[]) writeString(out, Base64.getEncoder().encodeToString((byte[]) v));
    else if (v instanceof Enum) {
      Object value;
      try {
        value = v.getClass().getMethod("value").invoke(v);
      } catch (NoSuchMethodException e) {
        value = ((Enum<?>) v).name();
      }
      writeString(out, String.valueOf(value));
    }
    else if (v instanceof JAXBElement) {
      JAXBElement<?> e = (JAXBElement<?>) v;
      if (e.isNil()) out.append("null");
      else write(out, e.getValue());
    }
    else if (v instanceof Element) {
      Element e = (Element) v;
      out.append("{\"$element\":");
      writeString(out, "{" + (e.getNamespaceURI() == null ? "" : e.getNamespaceURI()) + "}" + e.getLocalName());
      out.append(",\"$text\":");
      writeString(out, e.getTextContent());
      out.append('}');
    }
    else if (v instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) v).entrySet()) {
        if (!first) out.append(',');
        first = false;
        writeString(out, String.valueOf(entry.getKey()));
        out.append(':');
        write(out, entry.getValue());
      }
      out.append('}');
    }
    else if (v instanceof Collection) {
      out.append('[');
      boolean first = true;
      for (Object x : (Collection<?>) v) {
        if (!first) out.append(',');
        first = false;
        write(out, x);
      }
      out.append(']');
    }
    else {
      out.append('{');
      boolean first = true;
      for (Field f : beanFields(v.getClass())) {
        f.setAccessible(true);
        if (!first) out.append(',');
        first = false;
        writeString(out, xmlName(f));
        out.append(':');
        if (f.isAnnotationPresent(XmlAnyElement.class)) writeAny(out, f.get(v));
        else write(out, f.get(v));
      }
      if (!first) out.append(',');
      out.append("\"$class\":");
      writeString(out, v.getClass().getName());
      out.append('}');
    }
  }

  /** The value of a wildcard: elements with their names, whether JAXB kept them as DOM or bound them. */
  static void writeAny(StringBuilder out, Object v) throws Exception {
    if (v instanceof Collection) {
      out.append('[');
      boolean first = true;
      for (Object x : (Collection<?>) v) {
        if (!first) out.append(',');
        first = false;
        writeAny(out, x);
      }
      out.append(']');
    } else if (v instanceof JAXBElement) {
      JAXBElement<?> e = (JAXBElement<?>) v;
      out.append("{\"$element\":");
      writeString(out, e.getName().toString());
      out.append(",\"$value\":");
      write(out, e.isNil() ? null : e.getValue());
      out.append(",\"$class\":");
      writeString(out, JAXBElement.class.getName());
      out.append('}');
    } else {
      write(out, v);
    }
  }

  static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') out.append('\\').append(ch);
      else if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
      else out.append(ch);
    }
    out.append('"');
  }

  /** A small JSON reader: objects as LinkedHashMap, arrays as ArrayList, numbers as exact BigDecimal. */
  static final class JsonReader {
    private final String text;
    private int at;

    JsonReader(String text) {
      this.text = text;
    }

    Object read() {
      Object value = value();
      space();
      if (at != text.length()) throw error("trailing text");
      return value;
    }

    private Object value() {
      space();
      if (at >= text.length()) throw error("unexpected end");
      char ch = text.charAt(at);
      if (ch == '{') {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (peek('}')) return map;
        do {
          space();
          String key = string();
          space();
          expect(':');
          map.put(key, value());
          space();
        } while (peek(','));
        expect('}');
        return map;
      }
      if (ch == '[') {
        at++;
        List<Object> list = new ArrayList<>();
        space();
        if (peek(']')) return list;
        do list.add(value()); while (peekAfterSpace(','));
        space();
        expect(']');
        return list;
      }
      if (ch == '"') return string();
      if (text.startsWith("true", at)) {
        at += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("false", at)) {
        at += 5;
        return Boolean.FALSE;
      }
      if (text.startsWith("null", at)) {
        at += 4;
        return null;
      }
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
      if (start == at) throw error("unexpected character");
      return new BigDecimal(text.substring(start, at));
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (at >= text.length()) throw error("unterminated string");
        char ch = text.charAt(at++);
        if (ch == '"') return sb.toString();
        if (ch != '\\') {
          sb.append(ch);
          continue;
        }
        char esc = text.charAt(at++);
        switch (esc) {
          case 'n': sb.append('\n'); break;
          case 't': sb.append('\t'); break;
          case 'r': sb.append('\r'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'u': sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16)); at += 4; break;
          default: sb.append(esc);
        }
      }
    }

    private void space() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }

    private boolean peek(char ch) {
      if (at < text.length() && text.charAt(at) == ch) {
        at++;
        return true;
      }
      return false;
    }

    private boolean peekAfterSpace(char ch) {
      space();
      return peek(ch);
    }

    private void expect(char ch) {
      if (!peek(ch)) throw error("'" + ch + "' expected");
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("JSON: " + what + " at " + at);
    }
  }
}
