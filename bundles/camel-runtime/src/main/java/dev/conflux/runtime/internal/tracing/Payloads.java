package dev.conflux.runtime.internal.tracing;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Payload capture for the entry hops of a flow that asks for it: the body as text, every field named by a mask
 * rule replaced by {@value #MASK} BEFORE it leaves this class, then cut to {@code maxBytes} (UTF-8). Rules are
 * JSONPath ({@code $.card.number}) for JSON bodies and XPath ({@code //password}) for XML bodies. A body the rules
 * cannot be applied to (not well-formed, or neither JSON nor XML while there are rules) is not captured: a note
 * says why instead, so a value that should have been masked is never kept.
 */
final class Payloads {

    static final String MASK = "***";
    private static final Configuration JSON = Configuration.builder().jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider()).options(Option.SUPPRESS_EXCEPTIONS).build();

    private final int maxBytes;
    private final List<JsonPath> jsonRules = new ArrayList<>();
    private final List<String> xmlRules = new ArrayList<>();

    /** @throws IllegalArgumentException naming a rule that is neither a valid JSONPath nor a valid XPath */
    Payloads(int maxBytes, String rules) {
        this.maxBytes = maxBytes;
        XPath xpath = XPathFactory.newInstance().newXPath();
        for (String raw : rules.split(",")) {
            String rule = raw.trim();
            if (rule.isEmpty()) {
                continue;
            }
            try {
                if (rule.startsWith("$")) {
                    jsonRules.add(JsonPath.compile(rule));
                } else if (rule.startsWith("/")) {
                    xpath.compile(rule);
                    xmlRules.add(rule);
                } else {
                    throw new IllegalArgumentException("'" + rule + "' is neither a JSONPath ($...) nor an XPath (/...)");
                }
            } catch (XPathExpressionException | RuntimeException e) {
                throw e instanceof IllegalArgumentException i && i.getMessage().startsWith("'") ? i
                        : new IllegalArgumentException("'" + rule + "' is not a valid "
                                + (rule.startsWith("$") ? "JSONPath" : "XPath"), e);
            }
        }
    }

    /** The masked, size-limited body; null when there is none or reading it would consume it. */
    String capture(Message in) {
        Object body = in.getBody();
        if (body == null || body instanceof InputStream && !(body instanceof StreamCache)) {
            return null;
        }
        String text;
        try {
            text = body instanceof String s ? s : in.getBody(String.class);
        } catch (RuntimeException e) {
            return null;
        } finally {
            if (body instanceof StreamCache cache) {
                cache.reset();
            }
        }
        return text == null ? null : cut(mask(text));
    }

    String mask(String text) {
        String t = text.stripLeading();
        boolean json = t.startsWith("{") || t.startsWith("[");
        boolean xml = t.startsWith("<");
        if (json && !jsonRules.isEmpty()) {
            try {
                DocumentContext doc = JsonPath.using(JSON).parse(text);
                for (JsonPath rule : jsonRules) {
                    doc.set(rule, MASK);
                }
                return doc.jsonString();
            } catch (RuntimeException e) {
                return "(not captured: the body is not well-formed JSON, so it could not be masked)";
            }
        }
        if (xml && !xmlRules.isEmpty()) {
            try {
                return maskXml(text);
            } catch (Exception e) {
                return "(not captured: the body is not well-formed XML, so it could not be masked)";
            }
        }
        if (!json && !xml && !(jsonRules.isEmpty() && xmlRules.isEmpty())) {
            return "(not captured: the body is neither JSON nor XML, so the mask rules could not be applied)";
        }
        return text;
    }

    private String maskXml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        XPath xpath = XPathFactory.newInstance().newXPath();
        for (String rule : xmlRules) {
            NodeList nodes = (NodeList) xpath.evaluate(rule, doc, XPathConstants.NODESET);
            for (int i = 0; i < nodes.getLength(); i++) {
                Node n = nodes.item(i);
                if (n instanceof Attr a) {
                    a.setValue(MASK);
                } else {
                    n.setTextContent(MASK);
                }
            }
        }
        StringWriter out = new StringWriter();
        var transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }

    /** At most {@code maxBytes} bytes of UTF-8, cut on a character boundary, with a note of the full size. */
    String cut(String text) {
        if (text.length() * 3L <= maxBytes) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // not in the middle of a character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8) + "…(" + bytes.length + " bytes)";
    }
}
