package org.bmsw.branding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The product's identity, read from resources in this jar so a rebrand is a change to this module
 * only. Works on a plain classpath (launcher) and inside OSGi (workbench).
 */
public final class Branding {

    /** Icon sizes shipped, in pixels. */
    public static final List<Integer> ICON_SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private static final String BASE = "/org/bmsw/branding/";
    private static final Branding INSTANCE = new Branding();

    private final Properties product = new Properties();

    private Branding() {
        try (InputStream in = resource("product.properties").openStream()) {
            product.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("branding resources are missing from the branding jar", e);
        }
    }

    public static Branding get() {
        return INSTANCE;
    }

    public String productName(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? product.getProperty("product.name.zh") : productName();
    }

    public String productName() {
        return product.getProperty("product.name");
    }

    public String version() {
        return product.getProperty("product.version");
    }

    public String buildId() {
        return product.getProperty("product.build");
    }

    public String license() {
        return product.getProperty("product.license");
    }

    /** "BMS Workbench 0.1.0 (build abc123)": for window titles and log lines. */
    public String fullName() {
        return productName() + " " + version() + " (build " + buildId() + ")";
    }

    /** The about text in the locale's language (English or Simplified Chinese), placeholders filled in. */
    public String aboutText(Locale locale) {
        String file = "zh".equals(locale.getLanguage()) ? "about_zh.txt" : "about_en.txt";
        try (InputStream in = resource(file).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{name}", productName(locale))
                    .replace("{version}", version())
                    .replace("{build}", buildId())
                    .replace("{license}", license());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " from the branding jar", e);
        }
    }

    /** The icon of exactly {@code size} pixels, one of {@link #ICON_SIZES}. */
    public URL icon(int size) {
        if (!ICON_SIZES.contains(size)) {
            throw new IllegalArgumentException("no " + size + " px icon; sizes are " + ICON_SIZES);
        }
        return resource("icons/bmsw-" + size + ".png");
    }

    public URL splash() {
        return resource("splash.png");
    }

    private static URL resource(String name) {
        URL url = Branding.class.getResource(BASE + name);
        if (url == null) {
            throw new IllegalStateException("branding resource " + name + " is missing");
        }
        return url;
    }
}
