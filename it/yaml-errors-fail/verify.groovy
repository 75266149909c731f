// Every problem is reported at once, each at ERROR, located relative to the project (the platform
// lives in platform/ here), and the failure message repeats them all.
def log = new File(basedir, 'build.log').getText('UTF-8')

def first = '[ERROR] platform/platform.yaml:10:5 /spec/gitops/branch: duplicate key \'branch\' (first defined at 9:5)'
def second = '[ERROR] platform/projects/vertebra-ct.yaml:5:5 '
assert log.contains(first) : 'the duplicate key of platform.yaml is logged with its place'
def secondLine = log.readLines().find { it.startsWith(second) }
assert secondLine != null : 'the duplicate key of the included file is logged with its place'
assert secondLine.contains('duplicate key \'users\' (first defined at 4:5)')
assert log.indexOf(first) < log.indexOf(second) : 'problems are sorted by file and position'

assert log.contains('platform/platform.yaml has 2 problems:') : 'the failure message counts every problem'
assert log.contains('MojoFailureException') : 'bad input is a build failure, not a build error'
assert !log.contains('MojoExecutionException')
assert !new File(basedir, 'target/gitops').exists()
true
