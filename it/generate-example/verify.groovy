// The example platform of this repository generates a complete tree: one overlay per cluster and
// the index, reported with resource counts per cluster and file counts.
def log = new File(basedir, 'build.log').getText('UTF-8')
def out = new File(basedir, 'target/gitops')

['clusters/kth-main/kustomization.yaml', 'clusters/ki-hospital/kustomization.yaml', 'maia-index.json'].each {
  assert new File(out, it).isFile() : "$it was generated"
}

assert log =~ /(?m)^\[INFO\] \S*example-platform-repo\/platform\.yaml is valid: 5 files, 2 clusters, 3 projects, 1 booking\.$/
['kth-main', 'ki-hospital'].each { cluster ->
  def counted = log =~ /(?m)^\[INFO\] Generated (\d+) resources? for cluster ${cluster}\.$/
  assert counted.find() : "the resources of $cluster are counted"
  assert (counted.group(1) as int) > 0
}
// The example's booking b-2026-0001 starts 2026-12-01: it reaches the clusters 24 hours ahead.
assert log =~ /(?m)^\[INFO\] GPU bookings change the output next at 2026-11-30T00:00:00Z; generate again then \(nextChange in maia-index\.json\)\.$/
def wrote = log =~ /(?m)^\[INFO\] Wrote (\d+) files? to target\/gitops \(0 unchanged, 0 removed\)\.$/
assert wrote.find() : 'a first run writes every file and reports it'

// Every tool of the catalog is enabled somewhere: an Application per chart, OHIF in Orthanc, a Profile.
['workspace', 'filebrowser', 'mlflow', 'minio', 'orthanc', 'monai-label', 'label-studio', 'xnat', 'monai-deploy'].each { tool ->
  def apps = new File(out, 'argocd/apps').listFiles().collectMany { it.listFiles().toList() }.findAll { it.name.endsWith("-${tool}.yaml") }
  assert !apps.isEmpty() : "an Application of $tool"
}
assert new File(out, 'argocd/apps/ki-hospital/brain-mets-orthanc.yaml').getText('UTF-8').contains('libOrthancOHIF.so')
assert new File(out, 'clusters/kth-main/kubeflow-profiles.yaml').getText('UTF-8').contains('kind: Profile')
assert !log.contains('Updated maia.lock') : 'the committed lock of the example is current'

// The published tree: every file outside dot folders (.maia/ holds the writer's lock and journal).
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { f ->
  if (!out.toPath().relativize(f.toPath()).any { it.toString().startsWith('.') }) {
    files << f
  }
}

// The index lists every other published file with its SHA-256, and the run reported each as written.
def index = new groovy.json.JsonSlurper().parse(new File(out, 'maia-index.json'), 'UTF-8')
def listed = files.collect { out.toPath().relativize(it.toPath()).join('/') }.findAll { it != 'maia-index.json' }
assert index.files.keySet().sort() == listed.sort() : 'the index lists exactly the generated files'
assert index.nextChange == '2026-11-30T00:00:00Z' : 'the index records when the output changes next'
assert index.files.keySet().contains('calendar/ki-hospital-NVIDIA-A100-SXM4-80GB.svg') : 'the booking calendar is drawn'
index.files.each { path, sha256 ->
  def bytes = new File(out, path).bytes
  assert java.security.MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() == sha256 : "hash of $path"
}
assert (wrote.group(1) as int) == index.files.size() : 'every generated file was reported as written'

// Invariant 1: no absolute path (here: of the repository, four levels up) and no carriage return.
def here = basedir.canonicalFile.parentFile.parentFile.parentFile.parentFile.path
files.each { f ->
  def text = f.getText('UTF-8')
  assert !text.contains(here) : "$f holds an absolute path"
  assert !text.contains('\r') : "$f has a carriage return"
}
true
