package org.bmsw.workbench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.bmsw.core.internal.CoreFixture;
import org.bmsw.transport.serial.internal.SerialTransport;
import org.bmsw.workbench.WorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window opens on the page shown last time, and the page the user picks is remembered. */
class RememberedPageTest {

    @TempDir
    Path dir;

    @Test
    void thePageShownLastIsShownAgainAndAChoiceIsSaved() throws Exception {
        try (CoreFixture core = new CoreFixture(500, new SerialTransport());
             WindowHarness harness = new WindowHarness(core, dir.resolve("data"), Map.of("page", "controls"))) {
            assertEquals("controls", harness.ui(() -> ((WorkbenchPage) harness.tabs().getSelection().getData()).id()));
            harness.run(() -> harness.showPage("cells"));
            harness.await("the choice saved", 5_000, () -> "cells".equals(harness.saved.get("page")));
        }
    }
}
