package dev.maia.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JDK runs the test Keycloak, on folders that look like JDKs (no Keycloak is started). */
class KeycloakJavaTest {

  @TempDir Path jvms;

  @Test
  void theOldestJdkOf21OrNewerIsTaken() throws IOException {
    // given
    jdk("java-17-openjdk-amd64", "17.0.15");
    Path jdk21 = jdk("java-21-openjdk-amd64", "21.0.9");
    jdk("temurin-25-jdk-amd64", "25.0.3");

    // when
    KeycloakJava java = KeycloakJava.find("", Map.of(), jvms, jvms.resolve("java-17-openjdk-amd64"));

    // then
    assertThat(java.home()).isEqualTo(jdk21);
    assertThat(java.feature()).isEqualTo(21);
  }

  @Test
  void thePropertyComesBeforeTheVariableAndTheFolders() throws IOException {
    // given
    Path named = jdk("temurin-25-jdk-amd64", "25.0.3");
    Path variable = jdk("java-21-openjdk-amd64", "21.0.9");

    // when
    KeycloakJava byProperty = KeycloakJava.find(named.toString(), Map.of(KeycloakJava.VARIABLE, variable.toString()), jvms, jvms);
    KeycloakJava byVariable = KeycloakJava.find(" ", Map.of(KeycloakJava.VARIABLE, variable.toString()), jvms, jvms);

    // then
    assertThat(byProperty.home()).isEqualTo(named);
    assertThat(byProperty.source()).isEqualTo("-D" + KeycloakJava.PROPERTY);
    assertThat(byVariable.home()).isEqualTo(variable);
    assertThat(byVariable.source()).isEqualTo(KeycloakJava.VARIABLE);
  }

  @Test
  void aNamedJdkOlderThan17IsRefusedWithWhatToDo() throws IOException {
    // given
    Path jdk11 = jdk("java-11-openjdk-amd64", "11.0.25");
    Path jdk17 = jdk("java-17-openjdk-amd64", "17.0.15");

    // when / then
    assertThatThrownBy(() -> KeycloakJava.find("", Map.of(KeycloakJava.VARIABLE, jdk11.toString()), jvms, jvms))
        .hasMessage(KeycloakJava.VARIABLE + " names " + jdk11 + ", a Java 11: Keycloak needs 21 (or at least 17)");
    assertThatThrownBy(() -> KeycloakJava.find(jvms.resolve("missing").toString(), Map.of(), jvms, jvms))
        .hasMessageContaining("which has no bin/java");
    assertThat(KeycloakJava.find(jdk17.toString(), Map.of(), jvms, jvms).source())
        .isEqualTo("-D" + KeycloakJava.PROPERTY + "; Java 17 is deprecated by Keycloak");
  }

  @Test
  void withoutAJdk21TheJvmRunningTheTestsIsTaken() throws IOException {
    // given
    Path jdk17 = jdk("java-17-openjdk-amd64", "17.0.15");

    // when
    KeycloakJava java = KeycloakJava.find("", Map.of(), jvms, jdk17);

    // then
    assertThat(java.home()).isEqualTo(jdk17);
    assertThat(java.feature()).isEqualTo(17);
    assertThat(java.source()).startsWith("the JVM running the tests");
  }

  private Path jdk(String name, String version) throws IOException {
    Path home = jvms.resolve(name);
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n", StandardCharsets.UTF_8);
    return home;
  }
}
