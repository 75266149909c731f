// Every case of the invalid-input corpus failed on its own (fail-at-end) as a build failure, logged
// exactly the problem lines of its expected.txt at ERROR, right under its maia:generate header, and
// left its output folder as it was: the earlier file, unchanged, and nothing else.
def lines = new File(basedir, 'build.log').readLines('UTF-8')
def cases = new File(basedir, 'cases').listFiles().findAll { it.isDirectory() }.sort { it.name }
assert cases.size() >= 60 : "at least 60 cases ran: ${cases.size()}"

def failures = []
cases.each { dir ->
  def name = dir.name
  def expected = new File(dir, 'expected.txt').readLines('UTF-8').findAll { !it.isEmpty() }.collect { "[ERROR] $it" }
  def header = lines.findIndexOf { it.contains('--- maia-maven-plugin:') && it.contains(":generate (default-cli) @ case-$name ---") }
  if (header < 0) {
    failures << "$name: maia:generate did not run"
    return
  }
  def logged = lines.drop(header + 1).takeWhile { it.startsWith('[ERROR] ') }
  if (logged != expected) {
    failures << "$name: logged\n  ${logged.join('\n  ')}\nexpected\n  ${expected.join('\n  ')}"
  }
  if (!lines.any { it.startsWith("[INFO] case-$name ") && it.contains(" FAILURE [") }) {
    failures << "$name: not reported as FAILURE in the reactor summary"
  }
  def out = new File(dir, 'gitops')
  def left = []
  out.eachFileRecurse { left << out.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
  if (left != ['previous.yaml'] || new File(out, 'previous.yaml').getText('UTF-8') != 'kind: Previous\n') {
    failures << "$name: the output folder changed: $left"
  }
}
assert failures.isEmpty() : "${failures.size()} of ${cases.size()} cases:\n" + failures.join('\n')

// Bad input is a build failure (MojoFailureException), never a build error or a crash.
assert lines.any { it.contains('MojoFailureException') }
assert !lines.any { it.contains('MojoExecutionException') }
assert lines.any { it.startsWith('[INFO] invalid-corpus ') && it.contains(' SUCCESS [') } : 'the aggregator itself is skipped'
true
