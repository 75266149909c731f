// A platform repo (a copy of the example platform, committed at a fixed time) and an empty bare
// repository that stands in for the GitOps repository.
def run(List<String> command, File dir, Map<String, String> env = [:]) {
  def builder = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
  builder.environment().putAll(env)
  def process = builder.start()
  def output = process.inputStream.getText('UTF-8')
  assert process.waitFor() == 0 : "${command.join(' ')}: $output"
  output
}

def example = new File(basedir, '../../../../example-platform-repo').canonicalFile
def platform = new File(basedir, 'platform')
example.eachFileRecurse(groovy.io.FileType.FILES) { file ->
  def relative = example.toPath().relativize(file.toPath())
  if (!relative.startsWith('target')) {
    def copy = platform.toPath().resolve(relative.toString()).toFile()
    copy.parentFile.mkdirs()
    copy.bytes = file.bytes
  }
}
def when = ['GIT_AUTHOR_DATE': '2026-11-20T10:00:00Z', 'GIT_COMMITTER_DATE': '2026-11-20T10:00:00Z']
run(['git', 'init', '--quiet', '--initial-branch=main'], platform)
run(['git', 'remote', 'add', 'origin', 'https://git.example.org/maia/platform.git'], platform)
run(['git', 'add', '.'], platform)
run(['git', '-c', 'user.name=Platform Engineer', '-c', 'user.email=pe@example.org', 'commit', '--quiet', '-m', 'Platform'], platform, when)

def remote = new File(basedir, 'remote/gitops.git')
remote.mkdirs()
run(['git', 'init', '--quiet', '--bare', remote.path], basedir)
true
