// Each skipped goal logs exactly one line naming the property that skipped it, and writes nothing.
def lines = new File(basedir, 'build.log').readLines('UTF-8')

def skipLines = lines.findAll { it.contains('Skipping maia:') }
assert skipLines == [
    '[INFO] Skipping maia:validate: maia.skip is true.',
    '[INFO] Skipping maia:generate: maia.skip is true.',
    '[INFO] Skipping maia:generate: maia.generate.skip is true.',
    '[INFO] Skipping maia:validate: maia.validate.skip is true.',
] : "one skip line per goal and run: $skipLines"

// A goal's output is the log lines between its '--- maia-maven-plugin:...' header and the next
// blank line, header or separator, less Maven's own lines about resolving the plugin: a skip is
// that one line and nothing else.
def headers = lines.findIndexValues { it.contains('--- maia-maven-plugin:') }
assert headers.size() == 4
headers.each { h ->
  def body = lines.drop((int) h + 1)
      .takeWhile { !it.startsWith('[INFO] -') && it.trim() != '[INFO]' }
      .findAll { !(it ==~ /^\[INFO\] Download(ing|ed) from .*/) }
  assert body.size() == 1 && body[0].contains('Skipping maia:') : "a skipped goal logs one line: $body"
}

assert !new File(basedir, 'target').exists() : 'a skipped goal writes nothing'
true
