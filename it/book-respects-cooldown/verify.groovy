// The new booking starts one cooldown after the end of the user's running booking, and the
// platform with it is valid (maia:validate ran after maia:book and counted two bookings).
def log = new File(basedir, 'build.log').getText('UTF-8')
def file = new File(basedir, 'bookings/b-2026-0002.yaml')
assert file.isFile()
def text = file.getText('UTF-8')
assert text.contains('  start: "2026-12-22T00:00:00Z"\n') : text
assert text.contains('  end: "2026-12-24T00:00:00Z"\n') : text
assert text.contains('  user: ana@lab.example.org\n') : text
assert log.contains('[INFO] Booked b-2026-0002: 1 x NVIDIA-L40S on cluster lab for ana@lab.example.org in project seg, from 2026-12-22T00:00:00Z to 2026-12-24T00:00:00Z.')
assert log =~ /(?m)^\[INFO\] platform\.yaml is valid: 3 files, 1 cluster, 1 project, 2 bookings\.$/
true
