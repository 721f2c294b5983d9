package dev.conflux.apiusage.internal;

import static org.junit.Assert.assertEquals;

import dev.conflux.apiusage.api.UsageRow;
import java.util.List;
import org.junit.Test;

public class CsvTest {

    @Test
    public void fieldsWithCommasQuotesOrFormulasAreQuoted() {
        assertEquals("shop", Csv.field("shop"));
        assertEquals("\"CN=a, O=b\"", Csv.field("CN=a, O=b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("'=HYPERLINK(1)", Csv.field("=HYPERLINK(1)"));
        assertEquals("\"'=SUM(A1,B1)\"", Csv.field("=SUM(A1,B1)"));
        assertEquals("'\t=1+1", Csv.field("\t=1+1"));
        assertEquals("'@SUM(1)", Csv.field("@SUM(1)"));
    }

    @Test
    public void aReportIsAHeaderAndOneLinePerRow() {
        String csv = Csv.rows("1h", List.of(new UsageRow("/api/orders", "POST /api/orders", "shop", 10, 8, 1, 1, 1.5,
                2, 3.25, 4, 100, 50)));
        assertEquals(Csv.ROW_HEADER + "\r\n1h,/api/orders,POST /api/orders,shop,10,8,1,1,1.500,2.000,3.250,4.000,100,50"
                + "\r\n", csv);
    }
}
