package dev.maia.core.verify.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The working copy a chart is rendered from: unpacked safely, with hooks and CRDs that real Helm
 * (helm-java) then renders as {@code helm template --include-crds} does, and nothing else changed.
 */
class ChartWorkingCopyTest {

  private static final String HOOK_JOB = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-migrate\n"
      + "  annotations:\n    \"helm.sh/hook\": pre-install\n    \"helm.sh/hook-weight\": \"1\"\nspec: {}\n";
  private static final String CRD = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
      + "  name: things.example.org\nspec:\n  group: example.org\n  description: \"{{ not a template }}\"\n";

  @TempDir Path dir;

  /** A gzip'd tar of {@code files} (path to text). */
  private static byte[] archive(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  /** A chart with a hook, a CRD, a schema and a packed subchart (with a hook and a CRD of its own) behind a condition. */
  private Path chart() throws IOException {
    Map<String, byte[]> sub = new LinkedHashMap<>();
    sub.put("sub/Chart.yaml", text("apiVersion: v2\nname: sub\nversion: 0.1.0\n"));
    sub.put("sub/templates/job.yaml", text(HOOK_JOB.replace("-migrate", "-sub")));
    sub.put("sub/crds/sub.yaml", text(CRD.replace("things.", "subthings.")));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("top/Chart.yaml", text("apiVersion: v2\nname: top\nversion: 0.1.0\n"
        + "dependencies:\n  - name: sub\n    version: 0.1.0\n    condition: sub.enabled\n"));
    files.put("top/values.yaml", text("sub:\n  enabled: false\n"));
    files.put("top/values.schema.json", text("{\"type\": \"object\", \"properties\": {\"sub\": {\"type\": \"object\"}}}"));
    files.put("top/templates/job.yaml", text(HOOK_JOB));
    files.put("top/crds/things.yaml", text(CRD));
    files.put("top/charts/sub-0.1.0.tgz", archive(sub));
    return write("top-0.1.0.tgz", archive(files));
  }

  private static List<RenderedObject> render(Path chart, String values) throws IOException {
    return render(chart, values, false);
  }

  private static List<RenderedObject> render(Path chart, String values, boolean skipCrds) throws IOException {
    try (HelmRenderer helm = HelmRenderer.start(chart.getParent().getParent().resolve("work"), 1)) {
      return RenderedManifest.parse(helm.template(chart, "rel", "ns", "1.36.0", new ObjectMapper().readTree(values)).join(), skipCrds);
    }
  }

  @Test
  void skippingTheCrdsLeavesOutTheCrdsFoldersOfTheChartAndItsSubchartsAndNothingElse() throws IOException {
    // given
    Path chart = ChartWorkingCopy.unpack(chart(), dir.resolve("copy"), false);

    // when: as ArgoCD renders an Application with helm.skipCrds
    List<RenderedObject> objects = render(chart, "{\"sub\": {\"enabled\": true}}", true);

    // then
    assertThat(objects).extracting(RenderedObject::describe)
        .containsExactlyInAnyOrder("Job/rel-migrate (pre-install hook)", "Job/rel-sub (pre-install hook)");
  }

  @Test
  void hooksAndCrdsAreRenderedAsArgoCdRendersThemOnlyForEnabledSubcharts() throws IOException {
    // given
    Path chart = ChartWorkingCopy.unpack(chart(), dir.resolve("copy"), false);

    // when
    List<RenderedObject> off = render(chart, "{}");
    List<RenderedObject> on = render(chart, "{\"sub\": {\"enabled\": true}}");

    // then
    assertThat(off).extracting(RenderedObject::describe)
        .containsExactlyInAnyOrder("CustomResourceDefinition/things.example.org", "Job/rel-migrate (pre-install hook)");
    assertThat(on).extracting(RenderedObject::describe).contains(
        "CustomResourceDefinition/subthings.example.org", "Job/rel-sub (pre-install hook)");
    RenderedObject crd = off.stream().filter(o -> o.kind().equals("CustomResourceDefinition")).findFirst().orElseThrow();
    assertThat(crd.source()).isEqualTo("top/crds/things.yaml");
    assertThat(crd.object().path("spec").path("description").asText()).as("a CRD is not a template").isEqualTo("{{ not a template }}");
    RenderedObject job = off.stream().filter(RenderedObject::hook).findFirst().orElseThrow();
    assertThat(job.object().path("metadata").path("annotations").fieldNames()).toIterable()
        .containsExactly("helm.sh/hook", "helm.sh/hook-weight");
  }

  @Test
  void skippingTheSchemaLeavesOutEverySchemaAndNothingElse() throws IOException {
    // when
    Path with = ChartWorkingCopy.unpack(chart(), dir.resolve("with"), false);
    Path without = ChartWorkingCopy.unpack(chart(), dir.resolve("without"), true);

    // then
    assertThat(with.resolve("values.schema.json")).exists();
    assertThat(without.resolve("values.schema.json")).doesNotExist();
    assertThat(without.resolve("charts/sub/Chart.yaml")).as("packed subcharts are unpacked").exists();
    assertThat(without.resolve("charts/sub-0.1.0.tgz")).doesNotExist();
  }

  @Test
  void anEntryThatWouldLandOutsideTheChartIsRefused() throws IOException {
    // given
    Path evil = write("evil.tgz", archive(Map.of("top/Chart.yaml", text("apiVersion: v2\nname: top\nversion: 0.1.0\n"),
        "top/../../outside.txt", text("x"))));

    // then
    assertThatThrownBy(() -> ChartWorkingCopy.unpack(evil, dir.resolve("evil"), false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("would land outside the chart");
    assertThat(dir.resolve("outside.txt")).doesNotExist();
    assertThat(dir.getParent().resolve("outside.txt")).doesNotExist();
    assertThat(dir.resolve("evil")).doesNotExist();
  }

  @Test
  void aFileLargerThanHelmAllowsIsRefused() throws IOException {
    // given
    Path big = write("big.tgz", archive(Map.of("top/Chart.yaml", text("apiVersion: v2\nname: top\nversion: 0.1.0\n"),
        "top/templates/big.yaml", new byte[(int) ChartWorkingCopy.MAX_FILE_BYTES + 1])));

    // then
    assertThatThrownBy(() -> ChartWorkingCopy.unpack(big, dir.resolve("big"), false))
        .hasMessageContaining("larger than Helm's limit of 5 MiB per file");
  }
}
