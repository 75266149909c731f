package dev.maia.gitops.report;

import dev.maia.core.problem.Problem;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The checks of a diff run as JUnit XML, which every CI shows as test results: one failed test
 * case per platform problem (or one passed case for a valid platform), and the deletion guard.
 */
public final class JUnitReport {

  private JUnitReport() {}

  public static String render(ReportInput input) {
    List<Problem> problems = input.problems();
    List<Problem> findings = input.findings();
    boolean guard = input.diff() != null;
    boolean verified = input.rendered() != null || !findings.isEmpty();
    int tests = Math.max(1, problems.size()) + (guard ? 1 : 0) + (verified ? Math.max(1, findings.size()) : 0);
    int failures = problems.size() + (input.deletionsBlocked() ? 1 : 0) + findings.size();
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "maia");
      xml.writeAttribute("tests", Integer.toString(tests));
      xml.writeAttribute("failures", Integer.toString(failures));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      if (problems.isEmpty()) {
        testCase(xml, "maia.validate", input.platform() + " is valid", null, null);
      }
      for (Problem problem : problems) {
        String name = problem.location() + " " + (problem.pointer().isEmpty() ? "/" : problem.pointer());
        testCase(xml, "maia.validate", name, problem.message(), problem.format());
      }
      if (verified && findings.isEmpty()) {
        testCase(xml, "maia.verify", "the charts render, conform, are stable and use every value", null, null);
      }
      for (Problem finding : findings) {
        String name = finding.location() + " " + (finding.pointer().isEmpty() ? "/" : finding.pointer());
        testCase(xml, "maia.verify", name, finding.message(), finding.format());
      }
      if (guard) {
        int deletions = input.diff().diff().deletions().size();
        String message = deletions + " Applications and namespaces deleted; maia.allowDeletions=" + input.allowDeletions();
        testCase(xml, "maia.diff", "deletions within maia.allowDeletions",
            input.deletionsBlocked() ? message : null, message);
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the JUnit report", e);
    }
    return text.toString() + "\n";
  }

  private static void testCase(XMLStreamWriter xml, String className, String name, String failure, String detail)
      throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", className);
    xml.writeAttribute("name", name);
    if (failure != null) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("failure");
      xml.writeAttribute("message", failure);
      xml.writeAttribute("type", "error");
      xml.writeCharacters(detail);
      xml.writeEndElement();
      xml.writeCharacters("\n  ");
    }
    xml.writeEndElement();
  }
}
