// The build failed on the user's input (MojoFailureException), with the problem located in the
// platform file, and the tree of an earlier run is exactly as it was.
def log = new File(basedir, 'build.log').getText('UTF-8')

def problem = ~/(?m)^\[ERROR\] platform\.yaml:35:7 \/spec\/projects\/0\/cluster: .*ki-hospitl.*$/
assert log =~ problem : 'the dangling cluster reference is logged at ERROR with file:line:column and pointer'
assert log.contains('platform.yaml has 1 problem:') : 'the failure message counts the problems'
assert log.contains('MojoFailureException') : 'bad input is a build failure, not a build error'
assert !log.contains('MojoExecutionException')

def tree = new File(basedir, 'gitops')
def files = []
tree.eachFileRecurse(groovy.io.FileType.FILES) { files << tree.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert files == ['clusters/kth-main/kustomization.yaml'] : "nothing was added to the output folder: $files"
assert new File(tree, 'clusters/kth-main/kustomization.yaml').getText('UTF-8') ==
    '# A tree from an earlier, valid run. A failed run must leave it exactly as it is.\n' +
    'apiVersion: kustomize.config.k8s.io/v1beta1\n' +
    'kind: Kustomization\n' +
    'resources: []\n'
true
