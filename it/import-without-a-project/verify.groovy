// Without a project, maia:import wrote into the current folder, validated what it wrote, and copied
// no credential.
def log = new File(basedir, 'build.log').getText('UTF-8')
['platform.yaml', 'projects/brain-mets.yaml', 'projects/vertebra-ct.yaml', 'IMPORT-NOTES.md'].each {
  assert new File(basedir, it).isFile() : "$it was written into the current folder"
}
assert !log.contains('are missing or invalid') : 'every parameter has a default that needs no project'
assert log.contains('[INFO] Read 6 files of the MAIA installation in maia-config: ')
assert log.contains('[INFO] Wrote platform.yaml, projects/brain-mets.yaml, projects/vertebra-ct.yaml, IMPORT-NOTES.md to .; review IMPORT-NOTES.md')
assert log.contains('[INFO] platform.yaml is valid.')
assert log.contains('BUILD SUCCESS')
['token-7hq2x:mz9vq4l8c2kp6b1n3r5t7w9y0a', 'Argo-Adm1n-P4ss-5521', 'mlfl0w-pw-brain-31'].each { secret ->
  assert !new File(basedir, 'platform.yaml').getText('UTF-8').contains(secret)
  assert !log.contains(secret)
}
true
