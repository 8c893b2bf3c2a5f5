package io.ecgrid.soap.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Parity of the Java runtime's builtin datatypes with the TypeScript runtime's: reads lines
 * {@code CONSTANT<TAB>base64(lexical)} on standard input, parses each lexical form with
 * {@code Builtins.CONSTANT} and formats the value again, and prints {@code ok<TAB>base64(text)} or
 * {@code error<TAB>code}. Compiled into the runtime's package, against the runtime jar (it uses
 * package-private members).
 */
public final class BuiltinsCheck {
    private BuiltinsCheck() {
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            int tab = line.indexOf('\t');
            SimpleType<?> type = (SimpleType<?>) Builtins.class.getDeclaredField(line.substring(0, tab)).get(null);
            String lexical = new String(Base64.getDecoder().decode(line.substring(tab + 1)), StandardCharsets.UTF_8);
            try {
                String text = type.formatValue(type.parseValue(lexical, null));
                out.append("ok\t").append(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            } catch (CodecFailure f) {
                out.append("error\t").append(f.code);
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
