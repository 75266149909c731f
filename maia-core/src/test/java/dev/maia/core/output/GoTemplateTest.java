package dev.maia.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.maia.core.output.GoTemplate.UnsupportedTemplateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Go template subset, with the results Go's text/template and Sprig give for the same input. */
class GoTemplateTest {

  private static final JsonNode PARAMS =
      json("{\"name\": \"lung-workspace-hub\", \"labels\": {\"env\": \"research\"}, \"count\": 3,"
          + " \"values\": {\"b\": [1, 2.5, true, null], \"a\": \"<x> & {{y}}\", \"big\": 4294967296}}");

  static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void fieldsAreReplacedAndTextIsKept() {
    // when
    String rendered = GoTemplate.render("app {{ .name }} in {{.labels.env}}: done", PARAMS, true);

    // then
    assertThat(rendered).isEqualTo("app lung-workspace-hub in research: done");
  }

  @Test
  void toJsonSortsKeysEscapesHtmlAndWritesNumbersAsFloat64() {
    // when
    String rendered = GoTemplate.render("{{ toJson .values }}", PARAMS, true);

    // then: what json.Marshal gives for the map json.Unmarshal made of the element
    assertThat(rendered).isEqualTo("{\"a\":\"\\u003cx\\u003e \\u0026 {{y}}\",\"b\":[1,2.5,true,null],\"big\":4294967296}");
  }

  @Test
  void aStringLiteralWritesBracesAndLiteralMakesAnyTextRenderToItself() {
    // given
    String text = "a {{ b }} c }} {{";

    // when
    String rendered = GoTemplate.render(GoTemplate.literal(text), PARAMS, true);

    // then
    assertThat(GoTemplate.literal(text)).isEqualTo("a {{ \"{{\" }} b }} c }} {{ \"{{\" }}");
    assertThat(rendered).isEqualTo(text);
  }

  @Test
  void aMissingKeyIsAnErrorWithMissingkeyErrorAndNoValueWithout() {
    // when / then
    assertThat(GoTemplate.render("x={{ .nothing }}", PARAMS, false)).isEqualTo("x=<no value>");
    assertThatThrownBy(() -> GoTemplate.render("x={{ .nothing }}", PARAMS, true))
        .isInstanceOf(UnsupportedTemplateException.class)
        .hasMessageContaining("map has no entry for key \"nothing\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{ .count }}", "{{ .labels }}", "{{- .name }}", "{{ .name -}}", "{{ index .labels \"env\" }}", "{{ .name | upper }}",
        "{{ if .name }}x{{ end }}", "{{/* note */}}", "{{ .name", "{{ toJson .values.big.x }}"
      })
  void everythingOutsideTheSubsetIsRefusedNotGuessed(String template) {
    assertThatThrownBy(() -> GoTemplate.render(template, PARAMS, true)).isInstanceOf(UnsupportedTemplateException.class);
  }

  @Test
  void anIntegerAFloat64CannotHoldIsRefused() {
    // given
    JsonNode huge = json("{\"n\": 9007199254740993}");

    // when / then
    assertThatThrownBy(() -> GoTemplate.render("{{ toJson .n }}", huge, true))
        .isInstanceOf(UnsupportedTemplateException.class)
        .hasMessageContaining("ArgoCD would round it");
  }
}
