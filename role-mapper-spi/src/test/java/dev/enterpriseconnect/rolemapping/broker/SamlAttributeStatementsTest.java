package dev.enterpriseconnect.rolemapping.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Attributes as Okta and Entra put them into an assertion, found by the names an administrator types. */
class SamlAttributeStatementsTest {

    private static final String ASSERTION = """
            <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
                            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="a1" Version="2.0">
              <saml:AttributeStatement>
                <saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
                                NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">
                  <saml:AttributeValue xsi:type="xs:string">jane@acme.test</saml:AttributeValue>
                </saml:Attribute>
                <saml:Attribute Name="urn:oid:2.5.4.11" FriendlyName="division">
                  <saml:AttributeValue> Platform </saml:AttributeValue>
                </saml:Attribute>
                <saml:Attribute Name="role"><saml:AttributeValue>MANAGER</saml:AttributeValue></saml:Attribute>
                <saml:Attribute Name="http://schemas.microsoft.com/ws/2008/06/identity/claims/groups">
                  <saml:AttributeValue>Okta Admins</saml:AttributeValue>
                  <saml:AttributeValue>Everyone</saml:AttributeValue>
                </saml:Attribute>
              </saml:AttributeStatement>
            </saml:Assertion>""";

    private final SamlAttributeStatements statements = SamlAttributeStatements.parse(ASSERTION);

    @Test
    void findsAnAttributeByItsFullOktaStyleName() {
        assertEquals(List.of("jane@acme.test"),
                statements.values("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"));
    }

    @Test
    void findsAnAttributeByFriendlyNameAndTrimsValues() {
        assertEquals(List.of("Platform"), statements.values("division"));
    }

    @Test
    void findsAnAttributeByTheLastSegmentOfItsUriName() {
        assertEquals(List.of("Okta Admins", "Everyone"), statements.values("groups"));
        assertEquals(List.of("jane@acme.test"), statements.values("emailaddress"));
    }

    @Test
    void anExactNameWinsOverASuffix() {
        assertEquals(List.of("MANAGER"), statements.values("role"));
    }

    @Test
    void aMissingAttributeHasNoValues() {
        assertEquals(List.of(), statements.values("department"));
        assertEquals(List.of(), statements.values("Division"), "names compare exactly");
    }

    @Test
    void refusesADocumentTypeDeclaration() {
        assertThrows(IllegalArgumentException.class, () -> SamlAttributeStatements.parse(
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
    }
}
