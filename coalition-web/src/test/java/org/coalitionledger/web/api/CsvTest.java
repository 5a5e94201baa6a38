package org.coalitionledger.web.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one CSV writer: RFC 4180 quoting, text kept as given (any script), formula-like cells neutralised. */
class CsvTest {

    @Test
    void cells_areQuoted_onlyWhenTheyHoldASeparatorQuoteOrLineBreak() {
        String csv = new Csv(List.of("a", "b", "c", "d", "e"))
                .row("plain", "with, comma", "with \"quote\"", "two\nlines", "cr\rhere")
                .toString();
        assertThat(csv).isEqualTo("a,b,c,d,e\r\n"
                + "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\"cr\rhere\"\r\n");
    }

    @Test
    void nullCells_areEmpty_andEveryLineEndsWithCrLf() {
        String csv = new Csv(List.of("x", "y")).row(null, 7L).row(true, null).toString();
        assertThat(csv).isEqualTo("x,y\r\n,7\r\ntrue,\r\n");
    }

    @Test
    void formulaLikeCells_getALeadingApostrophe() {
        String csv = new Csv(List.of("cell"))
                .row("=HYPERLINK(\"http://x\",\"y\")").row("+1+2").row("-2+3").row("@SUM(A1)")
                .row("\tindented").row("\rreturn").row("safe = here").toString();
        assertThat(csv.split("\r\n", -1)).containsExactly("cell",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
                "'+1+2", "'-2+3", "'@SUM(A1)", "'\tindented", "\"'\rreturn\"", "safe = here", "");
    }

    @Test
    void nonLatinText_isKeptAsIs_andEncodesAsUtf8() {
        String csv = new Csv(List.of("name")).row("阿里巴巴（中国）, 网络").row("Đồng Tâm").toString();
        assertThat(csv).isEqualTo("name\r\n\"阿里巴巴（中国）, 网络\"\r\nĐồng Tâm\r\n");
        byte[] utf8 = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(csv);
    }

    @Test
    void aRowOfTheWrongWidth_isABug_notASilentlyShiftedTable() {
        assertThatThrownBy(() -> new Csv(List.of("a", "b")).row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
