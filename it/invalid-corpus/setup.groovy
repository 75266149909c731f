// One module per case of the invalid-input corpus: the case's files as they are (byte for byte, a
// folder named platform.yaml included), a pom that runs maia:generate there, and an output folder
// holding the tree of an earlier run.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path corpus = new File(corpusDir).toPath()
assert Files.isDirectory(corpus) : "the corpus is at $corpus"
Path cases = basedir.toPath().resolve('cases')

def names = corpus.toFile().listFiles().findAll { it.isDirectory() }*.name.sort()
assert names.size() >= 60 : "the corpus has at least 60 cases: ${names.size()}"

names.each { name ->
  Path from = corpus.resolve(name)
  Path to = cases.resolve(name)
  Files.walk(from).sorted().each { Path p ->
    Path target = to.resolve(from.relativize(p).toString())
    if (Files.isDirectory(p)) {
      Files.createDirectories(target)
    } else {
      Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES)
    }
  }
  to.resolve('pom.xml').toFile().setText("""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>dev.maia.it</groupId>
    <artifactId>invalid-corpus</artifactId>
    <version>1.0.0-SNAPSHOT</version>
    <relativePath>../../pom.xml</relativePath>
  </parent>
  <artifactId>case-${name}</artifactId>
  <packaging>pom</packaging>
  <properties>
    <maia.skip>false</maia.skip>
  </properties>
</project>
""", 'UTF-8')
  Path gitops = Files.createDirectories(to.resolve('gitops'))
  gitops.resolve('previous.yaml').toFile().setText('kind: Previous\n', 'UTF-8')
}

File pom = new File(basedir, 'pom.xml')
pom.setText(pom.getText('UTF-8').replace('<!-- cases -->', names.collect { "<module>cases/$it</module>" }.join('\n    ')), 'UTF-8')
true
