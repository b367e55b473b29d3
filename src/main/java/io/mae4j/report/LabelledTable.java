package io.mae4j.report;

import io.mae4j.tensorboard.ImageGrid;
import io.mae4j.tensorboard.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A table of equal panels ({@link ImageGrid#table}) with a label left of every row and above every
 * column, on white margins.
 */
public final class LabelledTable {

    private static final int FONT = 12;
    private static final int PAD = 6;

    private LabelledTable() {}

    /**
     * @param rows panels, one list per row
     * @param rowLabels one per row
     * @param columnLabels one per column of the widest row
     * @param gap pixels between panels
     */
    public static RgbImage of(List<List<RgbImage>> rows, List<String> rowLabels, List<String> columnLabels, int gap) {
        if (rowLabels.size() != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + rowLabels.size() + " row labels");
        }
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        if (columnLabels.size() != cols) {
            throw new IllegalArgumentException(cols + " columns but " + columnLabels.size() + " column labels");
        }
        RgbImage table = ImageGrid.table(rows, gap);
        int pw = rows.get(0).get(0).width();
        int ph = rows.get(0).get(0).height();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT));
        FontMetrics fm = pg.getFontMetrics();
        int left = 0;
        for (String s : rowLabels) {
            left = Math.max(left, fm.stringWidth(s));
        }
        pg.dispose();
        left += 2 * PAD;
        int head = fm.getHeight() + 2 * PAD;
        BufferedImage out = new BufferedImage(left + table.width(), head + table.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int y = 0; y < table.height(); y++) {
            for (int x = 0; x < table.width(); x++) {
                out.setRGB(left + x, head + y, (table.get(x, y, 0) << 16) | (table.get(x, y, 1) << 8) | table.get(x, y, 2));
            }
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT));
        g.setColor(Color.BLACK);
        for (int c = 0; c < cols; c++) {
            String s = columnLabels.get(c);
            int x = left + c * (pw + gap) + Math.max(0, (pw - fm.stringWidth(s)) / 2);
            g.drawString(s, x, PAD + fm.getAscent());
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = head + r * (ph + gap) + (ph + fm.getAscent()) / 2;
            g.drawString(rowLabels.get(r), PAD, y);
        }
        g.dispose();
        RgbImage img = RgbImage.blank(out.getWidth(), out.getHeight());
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int p = out.getRGB(x, y);
                img.set(x, y, (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
            }
        }
        return img;
    }
}
