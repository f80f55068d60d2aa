package org.bmsw.schema;

import java.util.List;
import java.util.Optional;

/**
 * What reading a parameter file gave: the file, only when it has no error, and every problem found.
 *
 * @param source   file name
 * @param file     the file's content; null when any error was found (so nothing can be written from it)
 * @param problems errors and warnings, by position in the file
 */
public record ImportResult(String source, ParameterFile file, List<ImportProblem> problems) {

    public ImportResult {
        problems = List.copyOf(problems);
        if (file != null && problems.stream().anyMatch(ImportProblem::isError)) {
            throw new IllegalArgumentException("a file with errors is not imported");
        }
    }

    public boolean ok() {
        return file != null;
    }

    public Optional<ParameterFile> parameterFile() {
        return Optional.ofNullable(file);
    }

    public List<ImportProblem> errors() {
        return problems.stream().filter(ImportProblem::isError).toList();
    }

    public List<ImportProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }
}
