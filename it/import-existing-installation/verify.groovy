// The installation became platform.yaml, one file per project and the notes; the platform is
// valid; every credential is named in the notes and the log, and none was written anywhere.
def log = new File(basedir, 'build.log').getText('UTF-8')
def imported = new File(basedir, 'imported')
['platform.yaml', 'projects/brain-mets.yaml', 'projects/vertebra-ct.yaml', 'IMPORT-NOTES.md'].each {
  assert new File(imported, it).isFile() : "$it was written"
}
assert log =~ /\[INFO\] Read 6 files of the MAIA installation in .*maia-config: KI_Hospital.yaml, brain-mets.yaml, env.json, maia-cluster.yaml, projects\/brain_mets.yaml, projects\/vertebra-ct.yaml\./
assert log.contains('[INFO] Wrote platform.yaml, projects/brain-mets.yaml, projects/vertebra-ct.yaml, IMPORT-NOTES.md to imported; review IMPORT-NOTES.md')
assert log.contains('[INFO] imported/platform.yaml is valid.')
assert log.contains('[WARNING] KI_Hospital.yaml:14 `maia_dashboard.token` is a credential and was not copied')
assert log.contains('[WARNING] To do: set `spec.gitops.repoURL`')
assert new File(imported, 'platform.yaml').getText('UTF-8').contains('secretKey: clusters/ki-hospital')

def secrets = ['kubeconfig-u-abc123:9x8y7z6w5v4u3t2s1r0q', 'token-7hq2x:mz9vq4l8c2kp6b1n3r5t7w9y0a', 'H4rb0r-r0b0t-s3cr3t-9911',
               'Zq3u8ZK3xYvYb0wQ9sF7', 'Argo-Adm1n-P4ss-5521', 'mlfl0w-pw-brain-31', 'reg-pull-pw-4410', 'Harb0r-4dm1n-8812']
imported.eachFileRecurse { file ->
  if (file.isFile()) {
    def text = file.getText('UTF-8')
    secrets.each { assert !text.contains(it) : "${file.name} holds a credential" }
  }
}
secrets.each { assert !log.contains(it) : 'the log holds a credential' }
true
