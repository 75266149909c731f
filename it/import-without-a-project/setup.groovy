// MAIA's configuration folder (the core tests' maia-config/) next to nothing else: no pom.xml.
import java.nio.file.Files
import java.nio.file.Path

Path from = new File(importDir).toPath()
Path to = basedir.toPath().resolve('maia-config')
Files.walk(from).sorted().each { Path p ->
  Path target = to.resolve(from.relativize(p).toString())
  if (Files.isDirectory(p)) {
    Files.createDirectories(target)
  } else {
    Files.copy(p, target)
  }
}
assert !new File(basedir, 'pom.xml').exists() : 'the folder has no pom.xml'
true
