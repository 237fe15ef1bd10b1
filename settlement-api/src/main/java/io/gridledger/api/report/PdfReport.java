package io.gridledger.api.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain A4 report: a title, labelled facts in two columns and tables, in Helvetica. Text is kept
 * to what the standard PDF fonts can show (WinAnsi); anything else is replaced by '?'. Continues on
 * a new page when one is full.
 */
public final class PdfReport {

    private static final float MARGIN = 48;
    private static final float LINE = 13;

    private sealed interface Block permits Title, Facts, Table, Note {
    }

    private record Title(String text, String subtitle) implements Block {
    }

    private record Facts(String heading, List<String[]> pairs) implements Block {
    }

    private record Table(String heading, String[] headers, float[] widths, boolean[] rightAligned,
                         List<String[]> rows) implements Block {
    }

    private record Note(String text) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    public PdfReport title(String text, String subtitle) {
        blocks.add(new Title(text, subtitle));
        return this;
    }

    /** Label/value pairs, e.g. {@code {"Opening balance", "12.3400 EUR"}}. */
    public PdfReport facts(String heading, List<String[]> pairs) {
        blocks.add(new Facts(heading, pairs));
        return this;
    }

    /** A table; {@code widths} are fractions of the text width, {@code rightAligned} per column. */
    public PdfReport table(String heading, String[] headers, float[] widths, boolean[] rightAligned,
                           List<String[]> rows) {
        blocks.add(new Table(heading, headers, widths, rightAligned, rows));
        return this;
    }

    public PdfReport note(String text) {
        blocks.add(new Note(text));
        return this;
    }

    public byte[] render() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new Writer(doc).write(blocks);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the PDF report", e);
        }
    }

    private static final class Writer {
        private final PDDocument doc;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument doc) {
            this.doc = doc;
        }

        void write(List<Block> blocks) throws IOException {
            newPage();
            for (Block b : blocks) {
                if (b instanceof Title t) {
                    text(bold, 16, MARGIN, t.text());
                    y -= 20;
                    if (t.subtitle() != null) {
                        text(regular, 10, MARGIN, t.subtitle());
                        y -= LINE + 6;
                    }
                } else if (b instanceof Facts f) {
                    heading(f.heading());
                    float col = width / 2;
                    for (int i = 0; i < f.pairs().size(); i += 2) {
                        room(LINE);
                        for (int c = 0; c < 2 && i + c < f.pairs().size(); c++) {
                            String[] pair = f.pairs().get(i + c);
                            float x = MARGIN + c * col;
                            text(regular, 9, x, pair[0]);
                            text(bold, 9, x + col - 12 - textWidth(bold, 9, pair[1]), pair[1]);
                        }
                        y -= LINE;
                    }
                    y -= 6;
                } else if (b instanceof Table t) {
                    heading(t.heading());
                    row(bold, t.headers(), t.widths(), t.rightAligned());
                    for (String[] r : t.rows()) {
                        row(regular, r, t.widths(), t.rightAligned());
                    }
                    y -= 6;
                } else if (b instanceof Note n) {
                    room(LINE);
                    text(regular, 8, MARGIN, n.text());
                    y -= LINE;
                }
            }
            page.close();
        }

        private void heading(String text) throws IOException {
            if (text == null) {
                return;
            }
            room(3 * LINE);
            text(bold, 11, MARGIN, text);
            y -= LINE + 2;
        }

        private void row(PDType1Font font, String[] cells, float[] widths, boolean[] right) throws IOException {
            room(LINE);
            float x = MARGIN;
            for (int i = 0; i < cells.length; i++) {
                float w = widths[i] * width;
                String cell = fit(font, 8, cells[i] == null ? "" : cells[i], w - 4);
                float cx = right[i] ? x + w - 4 - textWidth(font, 8, cell) : x;
                text(font, 8, cx, cell);
                x += w;
            }
            y -= LINE - 1;
        }

        private String fit(PDType1Font font, float size, String s, float max) throws IOException {
            String t = safe(s);
            while (t.length() > 1 && textWidth(font, size, t) > max) {
                t = t.substring(0, t.length() - 2) + "~";
            }
            return t;
        }

        private void room(float needed) throws IOException {
            if (y - needed < MARGIN) {
                page.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void text(PDType1Font font, float size, float x, String s) throws IOException {
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(safe(s));
            page.endText();
        }

        private float textWidth(PDType1Font font, float size, String s) throws IOException {
            return font.getStringWidth(safe(s)) / 1000 * size;
        }

        private static String safe(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                b.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : c == '−' ? '-' : '?');
            }
            return b.toString();
        }
    }
}
