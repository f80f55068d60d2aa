package org.bmsw.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class BrandingTest {

    @Test
    void versionIsFilledInByTheBuild() {
        assertFalse(Branding.get().version().contains("${"), Branding.get().version());
        assertFalse(Branding.get().buildId().contains("${"), Branding.get().buildId());
    }

    @Test
    void everyIconHasItsNominalSize() throws Exception {
        for (int size : Branding.ICON_SIZES) {
            BufferedImage image = ImageIO.read(Branding.get().icon(size));
            assertEquals(size, image.getWidth(), "width of the " + size + " px icon");
            assertEquals(size, image.getHeight(), "height of the " + size + " px icon");
        }
        assertThrows(IllegalArgumentException.class, () -> Branding.get().icon(17));
    }

    @Test
    void aboutTextIsLocalisedAndComplete() {
        String english = Branding.get().aboutText(Locale.ENGLISH);
        String chinese = Branding.get().aboutText(Locale.SIMPLIFIED_CHINESE);
        assertTrue(english.contains(Branding.get().version()), english);
        assertTrue(chinese.contains("电池"), chinese);
        assertFalse(english.contains("{") || chinese.contains("{"), "unfilled placeholder");
    }
}
