package org.bmsw.cli;

import picocli.CommandLine.Option;

/** {@code --json}, {@code --csv} and {@code --lang}: include with {@code @Mixin}. */
public class OutputOptions {

    @Option(names = "--json", description = "Machine-readable JSON output.")
    public boolean json;

    @Option(names = "--csv", description = "CSV output (where a command prints rows).")
    public boolean csv;

    @Option(names = "--lang", paramLabel = "en|zh", description = "Language of labels: en (English) or zh (简体中文).")
    public String lang;
}
