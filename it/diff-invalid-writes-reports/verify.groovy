// The build failed on the user's input, and the reports carry the problem with its location:
// one SARIF result (file, line, column) and one failed JUnit test case.
def log = new File(basedir, 'build.log').getText('UTF-8')
def reports = new File(basedir, 'target/maia')

assert log =~ /(?m)^\[ERROR\] platform\.yaml:35:7 \/spec\/projects\/0\/cluster: .*ki-hospitl.*$/
assert log.contains('[INFO] Wrote the reports of 1 problem to target/maia.')
assert log.contains('MojoFailureException')

def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'report.sarif'), 'UTF-8')
assert sarif.runs[0].results.size() == 1
def location = sarif.runs[0].results[0].locations[0].physicalLocation
assert location.artifactLocation.uri == 'platform.yaml'
assert location.region.startLine == 35 && location.region.startColumn == 7

def junit = new groovy.xml.XmlSlurper().parse(new File(reports, 'report-junit.xml'))
assert junit.@tests.text() == '1' && junit.@failures.text() == '1'
assert junit.testcase[0].@name.text() == 'platform.yaml:35:7 /spec/projects/0/cluster'

assert new File(reports, 'diff.md').getText('UTF-8').contains('platform.yaml has 1 problem')
assert !new File(basedir, 'target/gitops').exists() : 'nothing was generated'
true
