// An empty bare repository stands in for the GitOps repository: the branch does not exist yet.
def remote = new File(basedir, 'remote/gitops.git')
remote.mkdirs()
def init = ['git', 'init', '--quiet', '--bare', remote.path].execute()
init.waitForProcessOutput(System.out, System.err)
assert init.exitValue() == 0 : 'git init --bare'
true
