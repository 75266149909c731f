// No start within the horizon fits: the build fails on the user's input, says why (the capacity
// rule, with the earliest start at which the booking would fit) and writes no file.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('No booking of 1 x NVIDIA-L40S for cy@lab.example.org in project \'seg\' for 7 days on cluster \'lab\' starting from 2026-12-01T00:00:00Z to 2026-12-21T00:00:00Z satisfies every rule; at the earliest start, 2026-12-01T00:00:00Z:')
assert log =~ /(?m)^\[ERROR\] booking 'b-2026-0003' breaks the capacity rule: .* \(the earliest start at which it fits is 2026-12-29T00:00:00Z\)$/
assert log.contains('MojoFailureException') : 'no slot is a build failure, not a build error'
def files = new File(basedir, 'bookings').list().sort()
assert files == ['b-2026-0001.yaml', 'b-2026-0002.yaml'] : "nothing was written: $files"
true
