// verify recorded both charts' digests in maia.lock and found nothing; the diff report shows what
// the charts make, object by object: XNAT's probe ConfigMap and its hook Job changed (its user),
// MinIO's ConfigMap added; the log has no warning of the validator.
try {
  def lock = new File(basedir, 'maia.lock').getText('UTF-8')
  assert lock =~ /(?s)charts:\n  http:\/\/127\.0\.0\.1:\d+\/:\n    probe:\n      "0\.1\.0": sha256:[0-9a-f]{64}\n    unused-value:\n      "0\.1\.0": sha256:[0-9a-f]{64}\n/

  def markdown = new File(basedir, 'target/maia/diff.md').getText('UTF-8')
  assert markdown.contains('#### What the charts make')
  assert markdown.contains('1 object added, 2 changed, 0 removed in 2 Applications')
  assert markdown.contains('| one | 1 | 2 | 0 |')
  assert markdown.contains('<details><summary>objects of lung-xnat-one: 0 added, 2 changed, 0 removed</summary>')
  assert markdown.contains('-  message: a@x.org\n+  message: b@x.org') && markdown.contains('-        - a@x.org\n+        - b@x.org')
  assert markdown.contains('| added | ConfigMap/minio-config |')

  // the schemas' Kubernetes extensions (x-kubernetes-patch-strategy, ...) are known to the validator
  def log = new File(basedir, 'build.log').getText('UTF-8')
  assert log.contains('[INFO] Verified ') && !log.contains('Unknown keyword')

  def junit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/maia/report-junit.xml'))
  assert junit.@failures.text() == '0'
  assert junit.testcase.find { it.@classname == 'maia.verify' }.@name.text() == 'the charts render, conform, are stable and use every value'
} finally {
  System.properties['maia.it.chartServer']?.stop(0)
}
true
