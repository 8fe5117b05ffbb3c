package dev.enterpriseconnect.rolemapping.broker;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The attribute statements of a SAML assertion, looked up the way an administrator names an attribute:
 * by its {@code Name}, by its {@code FriendlyName}, or by the last segment of a URI-style {@code Name}
 * (so {@code role} finds Entra's {@code http://schemas.microsoft.com/ws/2008/06/identity/claims/role}).
 * The first of these three that matches any attribute wins; comparisons are exact.
 *
 * <p>Reads the assertion as XML: Keycloak hands mappers a parsed assertion whose classes are not
 * published on Maven Central, but its marshaller turns it into this XML.
 */
final class SamlAttributeStatements implements IncomingAttributes {

    private static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

    private final List<Attribute> attributes;

    private SamlAttributeStatements(List<Attribute> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    /** @throws IllegalArgumentException if {@code assertionXml} is not XML */
    static SamlAttributeStatements parse(String assertionXml) {
        List<Attribute> attributes = new ArrayList<>();
        if (assertionXml != null && !assertionXml.isBlank()) {
            Document document = read(assertionXml);
            NodeList nodes = document.getElementsByTagNameNS(ASSERTION_NS, "Attribute");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element attribute = (Element) nodes.item(i);
                List<String> values = new ArrayList<>();
                for (Node child = attribute.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element && "AttributeValue".equals(child.getLocalName())
                            && ASSERTION_NS.equals(child.getNamespaceURI())) {
                        values.add(child.getTextContent().strip());
                    }
                }
                attributes.add(new Attribute(attribute.getAttribute("Name"), attribute.getAttribute("FriendlyName"),
                        values));
            }
        }
        return new SamlAttributeStatements(attributes);
    }

    static SamlAttributeStatements none() {
        return new SamlAttributeStatements(List.of());
    }

    @Override
    public List<String> values(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String wanted = name.strip();
        for (Predicate<Attribute> match : List.<Predicate<Attribute>>of(a -> a.name().equals(wanted),
                a -> a.friendlyName().equals(wanted), a -> lastSegment(a.name()).equals(wanted))) {
            List<String> values = new ArrayList<>();
            boolean found = false;
            for (Attribute attribute : attributes) {
                if (match.test(attribute)) {
                    found = true;
                    values.addAll(attribute.values());
                }
            }
            if (found) {
                return Collections.unmodifiableList(values);
            }
        }
        return List.of();
    }

    private static String lastSegment(String name) {
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf(':'));
        return cut < 0 ? "" : name.substring(cut + 1);
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("Unreadable SAML assertion: " + e.getMessage(), e);
        }
    }

    private record Attribute(String name, String friendlyName, List<String> values) {
    }
}
