// The diff says the branch does not exist yet, names the platform change in words, and writes the
// four reports: the Markdown and HTML reports list it, SARIF has no result, JUnit no failure.
def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/maia')

def compared = log =~ /(?m)^\[INFO\] Compared target\/gitops with branch gitops \(not created yet\) in remote\/gitops\.git: (\d+) added, 0 changed, 0 removed\.$/
assert compared.find() : 'one summary line: everything is added'
assert (compared.group(1) as int) > 20
['cluster kth-main added', 'cluster ki-hospital added', 'project brain-mets added to cluster ki-hospital',
 'project vertebra-ct gains workspace on kth-main'].each {
  assert log.contains("[INFO]   $it\n") : "the platform change '$it' is logged"
}
assert log.contains('[INFO] Wrote diff.md, report.html, report.sarif and report-junit.xml to target/maia.')

def markdown = new File(reports, 'diff.md').getText('UTF-8')
assert markdown.startsWith('### maia diff of ')
assert markdown.contains('- project brain-mets gains workspace on ki-hospital\n')
assert markdown.indexOf('#### Platform changes') < markdown.indexOf('<details>') : 'the summary comes before the details'
assert markdown.contains('| added | argocd/roots/kth-main.yaml | Application | argocd | maia-root-kth-main |')

def html = new File(reports, 'report.html').getText('UTF-8')
assert html.startsWith('<!DOCTYPE html>') && html.contains('project brain-mets gains workspace on ki-hospital')

def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'report.sarif'), 'UTF-8')
assert sarif.version == '2.1.0' && sarif.runs[0].results.isEmpty()
def junit = new groovy.xml.XmlSlurper().parse(new File(reports, 'report-junit.xml'))
assert junit.@failures.text() == '0'

// diff never writes to the GitOps repository
def refs = ['git', "--git-dir=${new File(basedir, 'remote/gitops.git').path}", 'for-each-ref'].execute().text
assert refs.trim().isEmpty() : "the repository has no branch: $refs"
true
