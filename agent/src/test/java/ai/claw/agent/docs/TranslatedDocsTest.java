package ai.claw.agent.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/zh/ holds Chinese translations of docs/QUICKSTART.md and docs/DEPLOYMENT.md (issue 8). The
 * English file is authoritative; this test fails when the two drift apart in anything that is not
 * prose: the heading structure, the fenced code blocks (byte for byte), the tables and their rows,
 * the literals in each table row (config keys, defaults, log lines), and the links. Change the
 * English doc, then bring the translation along.
 */
class TranslatedDocsTest {

    private static final Path DOCS = Paths.get("..", "docs");
    private static final Path ZH = DOCS.resolve("zh");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @ParameterizedTest
    @ValueSource(strings = {"QUICKSTART.md", "DEPLOYMENT.md"})
    void sameHeadingStructure(String name) throws IOException {
        Doc en = Doc.read(DOCS.resolve(name));
        Doc zh = Doc.read(ZH.resolve(name));
        assertFalse(en.headings.isEmpty(), name + " has no ##/### headings");
        assertEquals(levels(en.headings), levels(zh.headings),
                "##/### headings of docs/zh/" + name + " vs docs/" + name + ": " + en.headings + " vs " + zh.headings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUICKSTART.md", "DEPLOYMENT.md"})
    void sameCodeBlocksByteForByte(String name) throws IOException {
        Doc en = Doc.read(DOCS.resolve(name));
        Doc zh = Doc.read(ZH.resolve(name));
        assertFalse(en.codeBlocks.isEmpty(), name + " has no fenced code blocks");
        assertEquals(en.codeBlocks.size(), zh.codeBlocks.size(), "number of fenced code blocks in docs/zh/" + name);
        for (int i = 0; i < en.codeBlocks.size(); i++) {
            assertEquals(en.codeBlocks.get(i), zh.codeBlocks.get(i), "code block #" + (i + 1) + " of docs/zh/" + name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUICKSTART.md", "DEPLOYMENT.md"})
    void sameTablesAndLiteralsInEachRow(String name) throws IOException {
        Doc en = Doc.read(DOCS.resolve(name));
        Doc zh = Doc.read(ZH.resolve(name));
        assertFalse(en.tableRows.isEmpty(), name + " has no tables");
        assertEquals(en.tableRows.size(), zh.tableRows.size(), "table rows in docs/zh/" + name);
        for (int i = 0; i < en.tableRows.size(); i++) {
            Row e = en.tableRows.get(i);
            Row z = zh.tableRows.get(i);
            String where = "table row " + (i + 1) + " of docs/zh/" + name + " (English: " + e.text + ")";
            assertEquals(e.section, z.section, where + ": in another section");
            assertEquals(e.cells, z.cells, where + ": number of cells");
            assertEquals(e.separator, z.separator, where + ": header separator row");
            assertEquals(codeSpans(e.text), codeSpans(z.text), where + ": backticked literals");
        }
    }

    @Test
    void configurationReferenceHasTheSameKeys() throws IOException {
        Doc en = Doc.read(DOCS.resolve("DEPLOYMENT.md"));
        Doc zh = Doc.read(ZH.resolve("DEPLOYMENT.md"));
        int section = en.headings.indexOf("## Configuration reference") + 1;
        assertTrue(section > 0, "docs/DEPLOYMENT.md has no '## Configuration reference'");
        Set<String> enKeys = firstCellKeys(en, section);
        assertTrue(enKeys.contains("port") && enKeys.contains("cardinality.limit"), "keys found in docs/DEPLOYMENT.md: " + enKeys);
        assertEquals(enKeys, firstCellKeys(zh, section),
                "config keys of the configuration reference table in docs/zh/DEPLOYMENT.md (section "
                        + (section <= zh.headings.size() ? zh.headings.get(section - 1) : "missing") + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"QUICKSTART.md", "DEPLOYMENT.md"})
    void pointsToTheEnglishOriginalAndEveryLinkResolves(String name) throws IOException {
        Doc zh = Doc.read(ZH.resolve(name));
        String head = String.join("\n", zh.lines.subList(0, Math.min(5, zh.lines.size())));
        assertTrue(head.contains("](../" + name + ")"), "docs/zh/" + name + " must say at the top that ../" + name + " is authoritative");
        for (String target : zh.links) {
            if (target.contains("://") || target.startsWith("mailto:")) {
                continue;
            }
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            Path resolved = file.isEmpty() ? ZH.resolve(name) : ZH.resolve(file).normalize();
            assertTrue(Files.isRegularFile(resolved), "docs/zh/" + name + " links to missing " + target);
            if (hash >= 0 && resolved.toString().endsWith(".md")) {
                String anchor = target.substring(hash + 1);
                Set<String> anchors = Doc.read(resolved).anchors();
                assertTrue(anchors.contains(anchor), "docs/zh/" + name + " links to " + target
                        + " but " + resolved + " has no such heading; anchors: " + anchors);
            }
        }
    }

    private static List<String> levels(List<String> headings) {
        List<String> levels = new ArrayList<>();
        for (String h : headings) {
            levels.add(h.substring(0, h.indexOf(' ')));
        }
        return levels;
    }

    private static List<String> codeSpans(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(text);
        while (m.find()) {
            spans.add(m.group(1));
        }
        spans.sort(null); // word order may change in translation; the literals may not
        return spans;
    }

    /** The backticked config keys in the first cell of each body row of the tables in one section. */
    private static Set<String> firstCellKeys(Doc doc, int section) {
        Set<String> keys = new TreeSet<>();
        for (Row row : doc.tableRows) {
            if (row.section == section && !row.separator) {
                String first = row.text.split("(?<!\\\\)\\|")[1];
                Matcher m = CODE_SPAN.matcher(first);
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    /** One table line: the ##/### section it is in (0 before the first), its cell count, and its text. */
    private record Row(int section, int cells, boolean separator, String text) {
    }

    /** The parts of a Markdown file this test compares; lines inside fenced code blocks are only code. */
    private record Doc(List<String> lines, List<String> headings, List<String> codeBlocks, List<Row> tableRows,
                       List<String> links) {

        static Doc read(Path file) throws IOException {
            // Split on \n only, so a stray \r or trailing blank counts as a difference in code blocks.
            List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n", -1));
            List<String> headings = new ArrayList<>();
            List<String> codeBlocks = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            List<String> links = new ArrayList<>();
            StringBuilder block = null;
            for (String line : lines) {
                if (block != null) {
                    block.append(line).append('\n');
                    if (line.startsWith("```")) {
                        codeBlocks.add(block.toString());
                        block = null;
                    }
                    continue;
                }
                if (line.startsWith("```")) {
                    block = new StringBuilder(line).append('\n');
                } else if (line.startsWith("## ") || line.startsWith("### ")) {
                    headings.add(line.strip());
                } else if (line.startsWith("|")) {
                    String[] cells = line.strip().split("(?<!\\\\)\\|", -1);
                    rows.add(new Row(headings.size(), cells.length, line.matches("\\|(\\s*:?-+:?\\s*\\|)+\\s*"), line.strip()));
                }
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    links.add(m.group(1));
                }
            }
            if (block != null) {
                throw new AssertionError(file + ": unclosed fenced code block");
            }
            return new Doc(lines, headings, codeBlocks, rows, links);
        }

        /** GitHub's heading anchors: lower case, punctuation dropped (letters of any script kept), spaces to '-'. */
        Set<String> anchors() {
            Set<String> anchors = new TreeSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean inCode = false;
            for (String line : lines) {
                if (line.startsWith("```")) {
                    inCode = !inCode;
                }
                if (inCode || !line.startsWith("#")) {
                    continue;
                }
                String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                StringBuilder slug = new StringBuilder();
                text.codePoints().forEach(c -> {
                    if (c == ' ') {
                        slug.append('-');
                    } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                        slug.appendCodePoint(c);
                    }
                });
                String base = slug.toString();
                int n = seen.merge(base, 1, Integer::sum);
                anchors.add(n == 1 ? base : base + "-" + (n - 1));
            }
            return anchors;
        }
    }
}
