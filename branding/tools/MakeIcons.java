import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the product icon (a battery with a pulse line) at every size the desktop asks for.
 * Run from the repository root: {@code java branding/tools/MakeIcons.java}. Vector-drawn per size,
 * so the 16 px icon stays crisp instead of being a scaled-down 256 px one.
 */
public class MakeIcons {
    public static void main(String[] args) throws Exception {
        File dir = new File("branding/src/main/resources/org/bmsw/branding/icons");
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            ImageIO.write(draw(size), "png", new File(dir, "bmsw-" + size + ".png"));
        }
        ImageIO.write(splash(), "png", new File(dir, "../splash.png"));
    }

    static BufferedImage draw(int s) {
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double u = s / 16.0;
        // battery body and terminal
        g.setPaint(new GradientPaint(0, 0, new Color(0x1E88E5), 0, s, new Color(0x0D47A1)));
        g.fill(new RoundRectangle2D.Double(1 * u, 3 * u, 12.5 * u, 10 * u, 2.5 * u, 2.5 * u));
        g.fill(new RoundRectangle2D.Double(13.5 * u, 6 * u, 1.8 * u, 4 * u, 0.8 * u, 0.8 * u));
        // charge level
        g.setColor(new Color(0x43A047));
        g.fill(new RoundRectangle2D.Double(2.3 * u, 4.3 * u, 7.5 * u, 7.4 * u, 1.2 * u, 1.2 * u));
        // pulse line across the cells
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) Math.max(1.0, 1.1 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Polygon pulse = new Polygon();
        int[][] pts = {{2, 8}, {5, 8}, {6, 5}, {8, 11}, {9, 8}, {12, 8}};
        for (int[] p : pts) {
            pulse.addPoint((int) Math.round(p[0] * u + 0.2 * u), (int) Math.round(p[1] * u));
        }
        g.drawPolyline(pulse.xpoints, pulse.ypoints, pulse.npoints);
        g.dispose();
        return img;
    }

    static BufferedImage splash() {
        BufferedImage img = new BufferedImage(620, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x0D47A1), 620, 200, new Color(0x102027)));
        g.fillRect(0, 0, 620, 200);
        g.drawImage(draw(128), 24, 36, null);
        g.setColor(Color.WHITE);
        g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 34f));
        g.drawString("BMS Workbench", 170, 100);
        g.setFont(g.getFont().deriveFont(java.awt.Font.PLAIN, 15f));
        g.drawString("Open host software for battery management systems", 170, 130);
        g.dispose();
        return img;
    }
}
