// The build failed on the user's input, each change the lock would need is located in maia.lock,
// and neither the lock nor the output folder was written.
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log =~ /(?m)^\[ERROR\] maia\.lock:\d+:\d+ \/ports\/kth-main\/ssh\/lung\/carol@kth\.se: maia\.lock is out of date: it would have allocated ssh port of carol@kth\.se .*30001.*$/
assert log =~ /(?m)^\[ERROR\] maia\.lock:9:9 \/ports\/kth-main\/ssh\/lung\/bob@kth\.se: maia\.lock is out of date: it would have released ssh port of bob@kth\.se .*$/
assert log.contains('run maia:generate without maia.lock.frozen and commit maia.lock')
assert log.contains('MojoFailureException') : 'a stale lock is a build failure, not a build error'

assert new File(basedir, 'maia.lock').getText('UTF-8').contains('bob@kth.se: 30001') : 'the lock is unchanged'
assert !new File(basedir, 'gitops').exists() : 'nothing was generated'
true
