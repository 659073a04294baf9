package dev.occlude.batch;

/**
 * Text cells of the summary CSV that a spreadsheet would take for a formula: an input named
 * {@code =HYPERLINK(...)} (or a label, class name or error message starting with {@code = + - @},
 * a tab or a carriage return) is written with a leading apostrophe, as OWASP's advice on CSV
 * injection says, so that Excel, LibreOffice and Google Sheets show the text instead of running it.
 * Numbers are never passed through here: a negative number stays a number.
 */
final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    /** The text as a cell that no spreadsheet evaluates. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }
}
