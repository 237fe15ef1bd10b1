package io.gridledger.api.report;

import java.math.BigDecimal;

/** RFC 4180 CSV: a header row, then rows; decimals in plain notation; fields quoted when needed. */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    public Csv(String... headers) {
        row((Object[]) headers);
    }

    public Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells[i]));
        }
        out.append("\r\n");
        return this;
    }

    private static String escape(Object cell) {
        if (cell == null) {
            return "";
        }
        String s = cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
