import java.security.MessageDigest

// A hash snapshot (relative path -> SHA-256) of the tree after two runs equals the one of a fresh
// run, and the second run over an up-to-date tree wrote and removed nothing. Dot folders (.maia/
// holds the writer's lock and journal) are not part of the published tree.
def snapshot(File root) {
  def hashes = new TreeMap<String, String>()
  root.eachFileRecurse(groovy.io.FileType.FILES) { f ->
    def relative = root.toPath().relativize(f.toPath())
    if (!relative.any { it.toString().startsWith('.') }) {
      hashes[relative.join('/')] = MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString()
    }
  }
  hashes
}

def rerun = snapshot(new File(basedir, 'target/gitops'))
def fresh = snapshot(new File(basedir, 'target/gitops-fresh'))
assert !rerun.isEmpty()
assert rerun.containsKey('maia-index.json')
assert rerun == fresh : 'the same input gives the same bytes'

// [INFO] Wrote N files to DIR (U unchanged, R removed).
def runs = new File(basedir, 'build.log').readLines('UTF-8').collect {
  def m = it =~ /^\[INFO\] Wrote (\d+) files? to (\S+) \((\d+) unchanged, (\d+) removed\)\.$/
  m.matches() ? [written: m.group(1) as int, dir: m.group(2), unchanged: m.group(3) as int, removed: m.group(4) as int] : null
}.findAll()
assert runs.size() == 3 : "one summary line per run: $runs"
def (first, second, third) = runs
assert first.dir == 'target/gitops' && second.dir == 'target/gitops' && third.dir == 'target/gitops-fresh'
assert first.written > 0 && first.unchanged == 0 && first.removed == 0
assert second.written == 0 && second.removed == 0 : "the second run writes nothing: $second"
assert second.unchanged == first.written : 'every file of the first run is found unchanged'
assert third.written == first.written && third.unchanged == 0 && third.removed == 0
true
