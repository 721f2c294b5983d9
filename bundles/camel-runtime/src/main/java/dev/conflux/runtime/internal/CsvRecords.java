package dev.conflux.runtime.internal;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The {@value #NAME} data format every flow has ({@code unmarshal: custom: csv-records}): a CSV text whose first
 * line names the columns becomes a list of records (column → value, in column order), and such a list becomes CSV
 * again. Parsing is Jackson's CSV module (quotes, escaped quotes, commas and line breaks inside quotes); a line
 * with more values than the header has columns is an error naming the line.
 */
final class CsvRecords extends ServiceSupport implements DataFormat {

    static final String NAME = "csv-records";

    private static final CsvMapper MAPPER = new CsvMapper();

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> records = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = MAPPER.readerForMapOf(String.class).with(schema)
                .with(CsvParser.Feature.TRIM_SPACES).readValues(stream)) {
            while (lines.hasNextValue()) {
                Map<String, String> record = lines.nextValue();
                if (!record.values().stream().allMatch(v -> v == null || v.isEmpty())) {
                    records.add(new LinkedHashMap<>(record));
                }
            }
        }
        return records;
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = exchange.getContext().getTypeConverter().mandatoryConvertTo(List.class, graph);
        if (records.isEmpty()) {
            return;
        }
        CsvSchema.Builder columns = CsvSchema.builder();
        records.get(0).keySet().forEach(columns::addColumn);
        MAPPER.writerFor(List.class).with(columns.build().withHeader()).writeValue(stream, records);
    }
}
